using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dms.Hub.Alerts;
using Dms.Hub.Common;
using Dms.Hub.Intake;
using Dms.Hub.Registry;

namespace Dms.Functions.Http;

/// <summary>Operators: business alerts (ORDER_NOT_SCHEDULED, ETA_SLIPPED, HOLD_TOO_LONG ...), listed and acknowledged.</summary>
internal static class AlertEndpoints
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 200;

    public static void MapAlertEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/admin/alerts").WithTags("Operations").RequireAuthorization(Callers.AdminPolicy);
        group.MapGet("", ListAsync)
            .WithSummary("List business alerts (open ones; ?status=Cleared or all, code=, dealerCode=, documentType=, pageSize=, continuationToken=)");
        group.MapGet("/{id}", async (HttpContext context, string id, BusinessAlerts alerts) =>
            await alerts.GetAsync(id, context.RequestAborted) is { } alert ? Json(View(alert)) : Problems.NotFound(context))
            .WithSummary("One alert with its history");
        group.MapPost("/{id}/acknowledge", (HttpContext context, string id, RequestBody reader, BusinessAlerts alerts) => AcknowledgeAsync(context, id, reader, alerts))
            .WithSummary("Acknowledge an alert (optional body {\"note\": …}); acknowledging again changes nothing");
    }

    private static async Task<IResult> ListAsync(HttpContext context, BusinessAlerts alerts, DocumentTypeRegistry registry)
    {
        var q = context.Request.Query;
        var status = q["status"].ToString() switch
        {
            "" or "Open" or "open" => AlertRecord.Open,
            "Cleared" or "cleared" => AlertRecord.Cleared,
            "all" => null,
            _ => "?",
        };
        if (status == "?")
        {
            return Problems.BadQuery(context, "status", "status is Open (default), Cleared or all.");
        }

        var documentType = Text(q["documentType"]);
        if (documentType is not null && !registry.TryGet(documentType, out _))
        {
            return Problems.BadQuery(context, "documentType", $"Unknown document type '{documentType}'.");
        }

        var (code, dealer) = (Text(q["code"]), Text(q["dealerCode"]));
        if (code is { Length: > 60 } || (dealer is not null && !DealerCodes.IsValid(dealer)))
        {
            return Problems.BadQuery(context, code is { Length: > 60 } ? "code" : "dealerCode", "Not a valid alert code or dealer code.");
        }

        var pageSize = DefaultPageSize;
        if (Text(q["pageSize"]) is { } size && (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            return Problems.BadQuery(context, "pageSize", $"pageSize must be between 1 and {MaxPageSize}.");
        }

        AlertPage page;
        try
        {
            page = await alerts.ListAsync(new AlertQuery(status, dealer, code, documentType, pageSize, Text(q["continuationToken"])), context.RequestAborted);
        }
        catch (FormatException)
        {
            return Problems.BadQuery(context, "continuationToken", "The continuation token is not one this API issued.");
        }

        return Json(new JsonObject
        {
            ["items"] = new JsonArray([.. page.Items.Select(View)]),
            ["continuationToken"] = page.ContinuationToken,
        });
    }

    /// <summary>Acknowledges as the caller; the caller has checked the alert is theirs to see.</summary>
    public static async Task<IResult> AcknowledgeAsync(HttpContext context, string id, RequestBody reader, BusinessAlerts alerts)
    {
        string? note = null;
        if (context.Request.ContentLength is > 0 || context.Request.ContentType is not null)
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

            if (node is not JsonObject request || request.Any(p => p.Key != "note")
                || (request["note"] is { } n && (n.GetValueKind() != JsonValueKind.String || n.GetValue<string>().Length > 500)))
            {
                return Problems.Create(context, 422, "VALIDATION_FAILED", "Validation failed", null, [new("/note", "INVALID_VALUE", "Send {\"note\": \"…\"} (at most 500 characters) or no body.")]);
            }

            note = request["note"]?.GetValue<string>();
        }

        return await alerts.AcknowledgeAsync(id, context.User.Id(), note, context.RequestAborted) is { } alert ? Json(View(alert)) : Problems.NotFound(context);
    }

    public static JsonObject View(AlertRecord alert)
    {
        var view = JsonSerializer.SerializeToNode(alert, HubJson.Options)!.AsObject();
        view.Remove(nameof(AlertRecord.ETag).ToLowerInvariant());
        view.Remove("eTag");
        return view;
    }

    private static string? Text(Microsoft.Extensions.Primitives.StringValues value) => value.ToString() is { Length: > 0 } text ? text : null;

    public static IResult Json(JsonObject body) => Results.Content(body.ToJsonString(), "application/json");
}
