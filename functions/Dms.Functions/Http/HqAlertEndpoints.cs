using Dms.Hub.Alerts;
using Dms.Hub.Dealers;
using Dms.Hub.Notifications;
using Dms.Hub.Registry;
using Dms.Hub.Reporting;

namespace Dms.Functions.Http;

/// <summary>
/// HQ users and managers: their own mailbox of reporting escalations, and the escalation alerts of dealers in their
/// scope (read and acknowledged; any other alert, or one of another region's dealer, is a 404).
/// </summary>
internal static class HqAlertEndpoints
{
    public static void MapHqAlertEndpoints(this IEndpointRouteBuilder api)
    {
        var hq = api.MapGroup("/hq").WithTags("HQ").RequireAuthorization(Callers.HqPolicy);
        hq.MapGet("/notifications", (HttpContext context, Mailbox mailbox, DocumentTypeRegistry registry) =>
                NotificationEndpoints.PullAsync(context, mailbox, registry, HqUser.MailboxPrefix + context.User.Id()))
            .WithSummary("Pull your oldest unacknowledged escalation notices (maxItems=, documentType=, since=)");
        hq.MapPost("/notifications/ack", (HttpContext context, RequestBody reader, Mailbox mailbox) =>
                NotificationEndpoints.AcknowledgeAsync(context, reader, mailbox, HqUser.MailboxPrefix + context.User.Id()))
            .WithSummary("Acknowledge escalation notices by receipt ID");
        hq.MapGet("/alerts/{id}", async (HttpContext context, string id, BusinessAlerts alerts) =>
                await VisibleAsync(context, id, alerts) is { } alert ? AlertEndpoints.Json(AlertEndpoints.View(alert)) : Problems.NotFound(context))
            .WithSummary("One reporting escalation alert ({dealer}-{report}-{period}.REPORT_{STEP}) of a dealer in your scope");
        hq.MapPost("/alerts/{id}/acknowledge", async (HttpContext context, string id, RequestBody reader, BusinessAlerts alerts) =>
                await VisibleAsync(context, id, alerts) is null ? Problems.NotFound(context) : await AlertEndpoints.AcknowledgeAsync(context, id, reader, alerts))
            .WithSummary("Acknowledge a reporting escalation alert (optional body {\"note\": …}); acknowledging again changes nothing");
    }

    private static async Task<AlertRecord?> VisibleAsync(HttpContext context, string id, BusinessAlerts alerts) =>
        await HqEndpoints.ScopeAsync(context) is { } scope
        && await alerts.GetAsync(id, context.RequestAborted) is { } alert
        && alert.Code.StartsWith(ReportEscalation.AlertCode(string.Empty), StringComparison.Ordinal)
        && await HqEndpoints.DealerInScopeAsync(context, scope, alert.DealerCode) is not null
            ? alert
            : null;
}
