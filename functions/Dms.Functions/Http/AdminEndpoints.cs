using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Dealers;
using Dms.Hub.Intake;
using Dms.Hub.Operations;
using Dms.Hub.Storage;
using Dms.Hub.Work;

namespace Dms.Functions.Http;

/// <summary>Operators: dead letters and their replay, dealer onboarding, key and secret rotation, runtime figures.</summary>
internal static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/admin").WithTags("Operations").RequireAuthorization(Callers.AdminPolicy);
        group.MapGet("/dead-letters", async (HttpContext context, DeadLetters letters) =>
        {
            var includeReplayed = context.Request.Query["status"] == "all";
            var items = (await letters.ListAsync(context.RequestAborted)).Where(l => includeReplayed || l.ReplayedAt is null);
            return Json(new JsonObject { ["items"] = new JsonArray(items.Select(l => (JsonNode)View(l)).ToArray()) });
        }).WithSummary("List dead letters (open ones; ?status=all includes replayed)");
        group.MapGet("/dead-letters/{id}", async (HttpContext context, string id, DeadLetters letters) =>
            await letters.GetAsync(id, context.RequestAborted) is { } letter ? Json(View(letter)) : Problems.NotFound(context));
        group.MapPost("/dead-letters/{id}/replay", async (HttpContext context, string id, DeadLetters letters) =>
            await letters.ReplayAsync(id, context.User.Id(), Correlation.Get(context), context.RequestAborted) is { } letter
                ? Json(View(letter))
                : Problems.NotFound(context))
            .WithSummary("Replay a dead letter (replaying again has no further effect)");

        group.MapGet("/payloads/{trackingId}/{version:int}", async (HttpContext context, string trackingId, int version, IDocumentStore store) =>
            TrackingIds.TryParse(trackingId, out var dealer) && await store.GetPayloadAsync(dealer, trackingId, version, context.RequestAborted) is { } payload
                ? Results.Bytes(payload.Content.ToArray(), payload.ContentType)
                : Problems.NotFound(context))
            .WithSummary("The exact bytes a dealer sent for one version of a document (audit)");
        group.MapGet("/runtime", (StorageTraffic traffic, Dms.Hub.Insights.ChangeSignal signal) => Json(RuntimeView.Current(traffic, signal)))
            .WithSummary("This process: CPU seconds, working set (peak), storage round trips by kind");
        group.MapGet("/dealers", async (DealerDirectory directory, IDealerStore store, CancellationToken cancellationToken) =>
            Json(new JsonObject { ["items"] = new JsonArray((await store.ListAsync(cancellationToken)).Select(d => (JsonNode)View(d)).ToArray()) }));
        group.MapGet("/dealers/{code}", async (HttpContext context, string code, IDealerStore store) =>
            await store.GetAsync(code, context.RequestAborted) is { } dealer ? Json(View(dealer)) : Problems.NotFound(context));
        group.MapPost("/dealers", RegisterAsync).WithSummary("Register a dealer; the answer carries its API key, shown once");
        group.MapPut("/dealers/{code}", UpdateAsync).WithSummary("Change a dealer's region, brand, channel or callback");
        group.MapPost("/dealers/{code}/api-keys", async (HttpContext context, string code, DealerDirectory directory) =>
            await directory.RotateKeyAsync(code, context.RequestAborted) is { } key
                ? Json(new JsonObject { ["dealerCode"] = code, ["apiKey"] = key })
                : Problems.NotFound(context))
            .WithSummary("Issue a new API key and revoke the old one");
        group.MapPost("/dealers/{code}/soap-secret", async (HttpContext context, string code, IDealerStore store, SoapSecrets secrets) =>
            await store.GetAsync(code, context.RequestAborted) is null
                ? Problems.NotFound(context)
                : Json(new JsonObject { ["dealerCode"] = code, ["soapUsername"] = code, ["soapSecret"] = await secrets.IssueAsync(code, demo: false, null, context.RequestAborted) }))
            .WithSummary("Issue (or rotate) the dealer's SOAP password for WS-Security UsernameToken; shown once");
        group.MapPost("/dealers/{code}/webhook-secret", async (HttpContext context, string code, IDealerStore store, DealerSecrets secrets, DealerDirectory directory) =>
        {
            if (await DealerRegistration.RotateWebhookSecretAsync(store, code, context.RequestAborted) is not { } rotated)
            {
                return Problems.NotFound(context);
            }

            directory.Forget(code);
            return Json(new JsonObject { ["dealerCode"] = code, ["webhookSecret"] = secrets.WebhookSecret(rotated) });
        }).WithSummary("Rotate the dealer's webhook signing secret");
    }

    private static async Task<IResult> RegisterAsync(HttpContext context, RequestBody reader, DealerDirectory directory, DealerSecrets secrets, DealerRegistration registration)
    {
        var (dealer, problem) = await ReadDealerAsync(context, reader, registration);
        if (problem is not null)
        {
            return problem;
        }

        var key = await directory.OnboardAsync(dealer!, context.RequestAborted);
        if (key is null)
        {
            return Problems.Create(context, 409, "DEALER_EXISTS", "Conflict", $"Dealer {dealer!.Code} already exists.");
        }

        var body = new JsonObject { ["dealer"] = View(dealer!), ["apiKey"] = key };
        if (dealer!.NotificationChannel == NotificationChannels.Webhook)
        {
            body["webhookSecret"] = secrets.WebhookSecret(dealer);
        }

        return Results.Content(body.ToJsonString(), "application/json", statusCode: 201);
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, string code, RequestBody reader, IDealerStore store, DealerDirectory directory, DealerRegistration registration)
    {
        var (update, problem) = await ReadDealerAsync(context, reader, registration);
        if (problem is not null)
        {
            return problem;
        }

        if (update!.Code != code || await store.GetAsync(code, context.RequestAborted) is not { } existing)
        {
            return Problems.NotFound(context);
        }

        var changed = DealerRegistration.Changed(existing, update);
        await store.UpsertAsync(changed, context.RequestAborted);
        directory.Forget(code);
        return Json(View(changed));
    }

    private static async Task<(Dealer? Dealer, IResult? Problem)> ReadDealerAsync(HttpContext context, RequestBody reader, DealerRegistration registration)
    {
        var (body, problem) = await reader.ReadJsonAsync(context, context.RequestAborted);
        if (problem is not null)
        {
            return (null, problem);
        }

        if (!JsonInput.TryParse(body, out var node, out var text, out var malformed))
        {
            return (null, Problems.Create(context, 400, malformed.Code, "Malformed request", malformed.Message, [malformed]));
        }

        var (dealer, errors) = registration.Read(node, text);
        return dealer is null ? (null, Problems.Create(context, 422, "VALIDATION_FAILED", "Validation failed", null, errors)) : (dealer, null);
    }

    private static JsonObject View(Dealer d) => new()
    {
        ["code"] = d.Code,
        ["name"] = d.Name,
        ["region"] = d.Region,
        ["district"] = d.District,
        ["brand"] = d.Brand,
        ["notificationChannel"] = d.NotificationChannel,
        ["callbackUrl"] = d.CallbackUrl,
        ["documentTypes"] = new JsonArray(d.DocumentTypes.Select(t => (JsonNode)JsonValue.Create(t)).ToArray()),
        ["stage"] = d.Stage,
        ["createdAt"] = d.CreatedAt,
    };

    private static JsonObject View(DeadLetter l) => new()
    {
        ["id"] = l.Id,
        ["kind"] = l.Item.Kind,
        ["dealerCode"] = l.Item.DealerCode,
        ["documentType"] = l.Item.DocumentType,
        ["trackingId"] = l.Item.TrackingId,
        ["delivery"] = l.Item.Arg("deliveryId"),
        ["attempts"] = l.Item.Attempt,
        ["reason"] = l.Reason,
        ["createdAt"] = l.Item.CreatedAt,
        ["deadLetteredAt"] = l.DeadLetteredAt,
        ["replayedAt"] = l.ReplayedAt,
        ["replayWorkId"] = l.ReplayWorkId,
    };

    private static IResult Json(JsonObject body) => Results.Content(body.ToJsonString(), "application/json");
}
