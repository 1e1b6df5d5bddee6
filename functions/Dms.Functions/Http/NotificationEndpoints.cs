using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Intake;
using Dms.Hub.Notifications;
using Dms.Hub.Registry;

namespace Dms.Functions.Http;

/// <summary>The dealer's mailbox: pull the oldest notifications, acknowledge them by receipt ID.</summary>
internal static class NotificationEndpoints
{
    public static void MapNotificationEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/notifications").WithTags("Notifications").RequireAuthorization(Callers.DealerPolicy);
        group.MapGet("", (HttpContext context, Mailbox mailbox, DocumentTypeRegistry registry) => PullAsync(context, mailbox, registry, context.User.Id()))
            .WithSummary("Pull your oldest unacknowledged notifications");
        group.MapPost("/ack", (HttpContext context, RequestBody reader, Mailbox mailbox) => AcknowledgeAsync(context, reader, mailbox, context.User.Id()))
            .WithSummary("Acknowledge notifications by receipt ID");
    }

    /// <summary>Pulls from the mailbox of <paramref name="owner"/> (a dealer code, or an HQ user's mailbox code).</summary>
    public static async Task<IResult> PullAsync(HttpContext context, Mailbox mailbox, DocumentTypeRegistry registry, string owner)
    {
        var q = context.Request.Query;
        var maxItems = mailbox.MaxItems;
        if (q["maxItems"].ToString() is { Length: > 0 } m && (!int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out maxItems) || maxItems < 1 || maxItems > mailbox.MaxItems))
        {
            return Problems.BadQuery(context, "maxItems", $"maxItems must be between 1 and {mailbox.MaxItems}.");
        }

        var documentType = q["documentType"].ToString() is { Length: > 0 } t ? t : null;
        if (documentType is not null && registry.All.All(d => d.Name != documentType))
        {
            return Problems.BadQuery(context, "documentType", $"Unknown document type '{documentType}'.");
        }

        DateTimeOffset? since = null;
        if (q["since"].ToString() is { Length: > 0 } s)
        {
            if (!DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return Problems.BadQuery(context, "since", "Use an ISO 8601 timestamp.");
            }

            since = parsed;
        }

        var items = await mailbox.PullAsync(owner, maxItems, documentType, since, context.RequestAborted);
        var body = new JsonObject { ["items"] = JsonSerializer.SerializeToNode(items, HubJson.Options), ["count"] = items.Count };
        return Results.Content(body.ToJsonString(), "application/json");
    }

    public static async Task<IResult> AcknowledgeAsync(HttpContext context, RequestBody reader, Mailbox mailbox, string owner)
    {
        var (body, problem) = await reader.ReadJsonAsync(context, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        if (!JsonInput.TryParse(body, out var node, out _, out var malformed))
        {
            return Problems.Create(context, 400, malformed.Code, "Malformed request", malformed.Message, [malformed]);
        }

        if (node is not JsonObject request || request["receiptIds"] is not JsonArray ids || ids.Count == 0 || ids.Count > mailbox.MaxItems || ids.Any(i => i?.GetValueKind() != JsonValueKind.String))
        {
            return Problems.Create(context, 422, "VALIDATION_FAILED", "Validation failed", null,
                [new("/receiptIds", "INVALID_VALUE", $"Send 1–{mailbox.MaxItems} receipt IDs as strings.")]);
        }

        var requested = ids.Select(i => i!.GetValue<string>()).Distinct(StringComparer.Ordinal).ToList();
        var acknowledged = await mailbox.AcknowledgeAsync(owner, requested, context.RequestAborted);
        var response = new JsonObject
        {
            ["acknowledged"] = JsonSerializer.SerializeToNode(acknowledged),
            ["unknown"] = JsonSerializer.SerializeToNode(requested.Except(acknowledged, StringComparer.Ordinal)),
        };
        return Results.Content(response.ToJsonString(), "application/json");
    }
}
