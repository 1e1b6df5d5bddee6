using System.Globalization;
using Dms.Hub.Alerts;
using Dms.Hub.Operations.Alerts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dms.Console.Endpoints;

/// <summary>Operators acknowledge alerts (business or technical) and snooze them, with a reason; both audited.</summary>
internal static class AlertEndpoints
{
    public static void MapAlertEndpoints(this IEndpointRouteBuilder console)
    {
        var group = console.MapGroup("/actions/alerts/{id}").RequireAuthorization(ConsolePolicies.Operate);
        group.MapPost("/acknowledge", AcknowledgeAsync).ValidateAntiforgery();
        group.MapPost("/snooze", SnoozeAsync).ValidateAntiforgery();
    }

    private static async Task<IResult> AcknowledgeAsync(HttpContext context, string id, BusinessAlerts business, TechnicalAlerts technical, ConsoleActions actions)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var note = ConsoleActions.Text(form, "note");
        var user = ConsoleActions.User(context);
        var found = await business.AcknowledgeAsync(id, user.Name, note, context.RequestAborted) is not null
            || await technical.AcknowledgeAsync(id, user.Name, note, context.RequestAborted) is not null;
        if (!found)
        {
            return ConsoleActions.Problem(context, 404, "No such alert", "There is no such alert.", "/console/alerts");
        }

        await actions.AuditAsync(context, "AcknowledgedAlert", "alert " + id, note, 1);
        return Results.Redirect("/console/alerts");
    }

    private static async Task<IResult> SnoozeAsync(HttpContext context, string id, BusinessAlerts business, ITechnicalAlertStore technical, ConsoleActions actions)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var reason = ConsoleActions.Text(form, "reason");
        if (reason is null || !int.TryParse(form["hours"], NumberStyles.None, CultureInfo.InvariantCulture, out var hours) || hours is < 1 or > 24 * 14)
        {
            return ConsoleActions.Problem(context, 400, "Not snoozed", "Choose how long (up to two weeks) and say why.", "/console/alerts");
        }

        if (await business.GetAsync(id, context.RequestAborted) is null && await technical.GetAsync(id, context.RequestAborted) is null)
        {
            return ConsoleActions.Problem(context, 404, "No such alert", "There is no such alert.", "/console/alerts");
        }

        var user = ConsoleActions.User(context);
        await technical.SnoozeAsync(new AlertSnooze(id, actions.Now.AddHours(hours), user.Name, reason, actions.Now), context.RequestAborted);
        await actions.AuditAsync(context, "SnoozedAlert", "alert " + id, reason, 1, $"{hours} h");
        return Results.Redirect("/console/alerts");
    }
}
