using System.Text.Json;
using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Intake;
using Dms.Hub.PartsOrders;
using Dms.Hub.PartsOrders.Suggestions;
using Dms.Hub.Registry;
using Dms.Hub.Validation;

namespace Dms.Functions.Http;

/// <summary>
/// Suggested stock orders: made from the dealer's latest snapshot, read back, and confirmed (the drafts become parts
/// orders, source suggested); operators can run the nightly auto-submission for a day.
/// </summary>
internal static class PartsSuggestionEndpoints
{
    private const string RequestSchema = "parts-order-suggestion-request.v1";
    private const string ConfirmationSchema = "parts-order-suggestion-confirmation.v1";

    public static void MapPartsSuggestionEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/parts-orders/suggestions").WithTags("Parts orders").RequireAuthorization(Callers.DealerPolicy);
        group.MapPost("", CreateAsync)
            .WithSummary("Make a suggested stock order from your latest stock snapshot")
            .WithDescription("Body (optional): schemas/parts-order-suggestion-request.v1.schema.json. Every line explains itself: d, s, L, safety stock, reorder point, order-up-to level, position, quantity.");
        group.MapGet("/{suggestionId}", async (HttpContext context, string suggestionId, PartsSuggestions suggestions) =>
                await suggestions.GetAsync(context.User.Id(), suggestionId, context.RequestAborted) is { } suggestion ? Json(View(suggestion), 200) : Problems.NotFound(context))
            .WithSummary("A suggestion with its lines and draft orders");
        group.MapPost("/{suggestionId}/confirm", ConfirmAsync)
            .WithSummary("Confirm a suggestion: its drafts become parts orders (source suggested); confirming again answers with the same orders")
            .WithDescription("Body (optional): schemas/parts-order-suggestion-confirmation.v1.schema.json.");
        api.MapPost("/admin/parts-suggestions/nightly-runs", RunNightlyAsync).WithTags("Operations").RequireAuthorization(Callers.AdminPolicy)
            .WithSummary("Run the nightly suggested-order submission now (?day=YYYY-MM-DD, default today); dealers done that day are skipped");
    }

    private static async Task<IResult> CreateAsync(HttpContext context, RequestBody reader, SchemaCatalog schemas, PartsSuggestions suggestions)
    {
        var (request, problem) = await ReadOptionalAsync(context, reader, schemas, RequestSchema);
        if (problem is not null)
        {
            return problem;
        }

        var draft = new SuggestionDraft(null, Read<DateOnly?>(request!["requestedShipDate"]), Read<ShipTo>(request["shipTo"]));
        var only = Read<List<string>>(request["partNumbers"])?.ToHashSet(StringComparer.Ordinal);
        if (await suggestions.CreateAsync(context.User.Id(), draft, only, context.RequestAborted) is not { } suggestion)
        {
            return PartsInventoryEndpoints.NoInventory(context);
        }

        context.Response.Headers.Location = Self(suggestion.SuggestionId);
        return Json(View(suggestion), 201);
    }

    private static async Task<IResult> ConfirmAsync(HttpContext context, string suggestionId, RequestBody reader, SchemaCatalog schemas, PartsSuggestions suggestions, DocumentTypeRegistry registry)
    {
        var (request, problem) = await ReadOptionalAsync(context, reader, schemas, ConfirmationSchema);
        if (problem is not null)
        {
            return problem;
        }

        var dealer = await context.DealerAsync();
        if (await suggestions.GetAsync(dealer.Code, suggestionId, context.RequestAborted) is not { } suggestion)
        {
            return Problems.NotFound(context);
        }

        var exclude = Read<List<string>>(request!["excludePartNumbers"])?.ToHashSet(StringComparer.Ordinal) ?? [];
        var confirmation = await suggestions.ConfirmAsync(dealer, suggestion, Read<string>(request["dealerOrderNumber"]), exclude, context.Actor("dealer"), context.RequestAborted);
        if (confirmation.Outcome == ConfirmationOutcome.Expired)
        {
            return Problems.Create(context, 409, PartsErrorCodes.SuggestionExpired, "Suggestion expired", $"The suggestion could be confirmed until {suggestion.ValidUntil:u}; ask for a new one.");
        }

        if (confirmation.Outcome == ConfirmationOutcome.Empty)
        {
            return Problems.Create(context, 422, PartsErrorCodes.SuggestionEmpty, "Nothing to order", "The suggestion has no lines left to order.");
        }

        var type = registry.Get(PartsOrderType.TypeName);
        var failures = confirmation.Orders.Select((r, i) => (r, i)).Where(x => x.r.Kind != IntakeResultKind.Accepted).ToList();
        if (failures.Count > 0)
        {
            var errors = failures.SelectMany(f => (f.r.Errors ?? [new ValidationError("", f.r.Code ?? "REFUSED", f.r.Message ?? "Refused.")])
                .Select(e => e with { Path = $"/drafts/{f.i}{e.Path}" })).ToList();
            return Problems.Create(context, failures.Any(f => f.r.Kind == IntakeResultKind.Conflict) ? 409 : 422, failures[0].r.Code ?? "VALIDATION_FAILED", "Draft refused",
                "A draft order was refused; orders already accepted are listed.", errors, body => body["orders"] = Orders(confirmation.Orders, type));
        }

        return Json(new JsonObject { ["suggestionId"] = suggestion.SuggestionId, ["orders"] = Orders(confirmation.Orders, type) }, 202);
    }

    private static async Task<IResult> RunNightlyAsync(HttpContext context, NightlySuggestions nightly, TimeProvider clock)
    {
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (context.Request.Query["day"].ToString() is { Length: > 0 } given && !DateOnly.TryParseExact(given, "yyyy-MM-dd", out day))
        {
            return Problems.BadQuery(context, "day", "day is a date (YYYY-MM-DD); left out: today (UTC).");
        }

        var report = await nightly.RunForAsync(day, context.RequestAborted);
        return Results.Content(JsonSerializer.Serialize(report, HubJson.Options), "application/json");
    }

    /// <summary>An optional JSON body checked against its schema: {} when there is none.</summary>
    private static async Task<(JsonObject? Body, IResult? Problem)> ReadOptionalAsync(HttpContext context, RequestBody reader, SchemaCatalog schemas, string schema)
    {
        if (context.Request.ContentLength is null or 0 && context.Request.ContentType is null)
        {
            return ([], null);
        }

        var (body, problem) = await reader.ReadJsonAsync(context, context.RequestAborted);
        if (problem is not null)
        {
            return (null, problem);
        }

        if (!ValidJson.TryRead(schemas, body, schema, out var node, out var failure))
        {
            var status = failure.Kind == IntakeResultKind.Malformed ? 400 : 422;
            return (null, Problems.Create(context, status, failure.Code!, status == 400 ? "Malformed request" : "Validation failed", failure.Message, failure.Errors));
        }

        return (node.AsObject(), null);
    }

    private static JsonArray Orders(IReadOnlyList<IntakeResult> results, DocumentType type) =>
        new([.. results.Where(r => r.Kind == IntakeResultKind.Accepted).Select(r => (JsonNode)new JsonObject
        {
            ["trackingId"] = r.TrackingId,
            ["status"] = r.Status,
            ["replayed"] = r.Replayed,
            ["links"] = DocumentLinks.For(type, r.TrackingId!, r.Status!),
        })]);

    private static JsonObject View(Suggestion suggestion)
    {
        var view = JsonSerializer.SerializeToNode(suggestion, HubJson.Options)!.AsObject();
        view["links"] = new JsonObject { ["self"] = Self(suggestion.SuggestionId), ["confirm"] = Self(suggestion.SuggestionId) + "/confirm" };
        return view;
    }

    private static string Self(string suggestionId) => "/api/v1/parts-orders/suggestions/" + suggestionId;

    private static T? Read<T>(JsonNode? node) => node is null ? default : node.Deserialize<T>(HubJson.Options);

    private static IResult Json(JsonObject body, int status) => Results.Content(body.ToJsonString(), "application/json", statusCode: status);
}
