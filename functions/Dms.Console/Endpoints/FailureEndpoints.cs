using Dms.Console.Internal;
using Dms.Hub.Insights;
using Dms.Hub.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dms.Console.Endpoints;

/// <summary>Operators' actions on failures: archive (with a reason) and bring back, assign a group, note a group. Audited.</summary>
internal static class FailureEndpoints
{
    public static void MapFailureEndpoints(this IEndpointRouteBuilder console)
    {
        var group = console.MapGroup("/actions/failures").RequireAuthorization(ConsolePolicies.Operate);
        group.MapPost("/archive", ArchiveAsync).ValidateAntiforgery();
        group.MapPost("/unarchive", UnarchiveAsync).ValidateAntiforgery();
        group.MapPost("/assign", AssignAsync).ValidateAntiforgery();
        group.MapPost("/notes", NoteAsync).ValidateAntiforgery();
    }

    private static async Task<IResult> ArchiveAsync(HttpContext context, FailureGroups failures, IAnnotationStore annotations, ConsoleActions actions)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (ConsoleActions.Text(form, "reason") is not { } reason)
        {
            return ConsoleActions.Problem(context, 400, "A reason is required", "Say why these failures will not be replayed; nothing was archived.", "/console/failures");
        }

        var archived = (await annotations.ArchivedAsync(context.RequestAborted)).Keys.ToHashSet();
        var view = await failures.ReadAsync(ViewScope.Everything, FailureQuery.Read(n => form[n]), archived, context.RequestAborted);
        var chosen = form["key"].OfType<string>().ToHashSet(StringComparer.Ordinal);
        var items = (chosen.Count > 0 ? view.Items.Where(i => chosen.Contains(i.Key)) : view.Items).ToList();
        var keys = items.Select(i => i.Key).ToList();
        var user = ConsoleActions.User(context);
        await annotations.ArchiveAsync(items.Select(i => new Archived(i.Key, user.Name, reason, actions.Now, i)).ToList(), context.RequestAborted);
        await actions.AuditAsync(context, "ArchivedFailures", chosen.Count > 0 ? "chosen failures" : FailureQuery.Describe(FailureQuery.Read(n => form[n])), reason, keys.Count, string.Join(' ', keys.Take(50)));
        return Results.Redirect("/console/failures");
    }

    private static async Task<IResult> UnarchiveAsync(HttpContext context, IAnnotationStore annotations, ConsoleActions actions)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var keys = form["key"].OfType<string>().Where(k => k.Length < 200).ToList();
        await annotations.UnarchiveAsync(keys, context.RequestAborted);
        await actions.AuditAsync(context, "UnarchivedFailures", "chosen failures", null, keys.Count, string.Join(' ', keys.Take(50)));
        return Results.Redirect("/console/failures?archived=true");
    }

    private static async Task<IResult> AssignAsync(HttpContext context, IAnnotationStore annotations, ConsoleActions actions)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (ConsoleActions.Text(form, "subject", 300) is not { } subject || !subject.StartsWith("group:", StringComparison.Ordinal))
        {
            return ConsoleActions.Problem(context, 400, "Nothing to assign", "The form named no failure group.", "/console/failures");
        }

        var assignee = ConsoleActions.Text(form, "assignee", 100);
        await annotations.AssignAsync(subject, assignee, ConsoleActions.User(context).Name, actions.Now, context.RequestAborted);
        await actions.AuditAsync(context, assignee is null ? "Unassigned" : "Assigned", subject, null, 1, assignee);
        return Results.Redirect("/console/failures");
    }

    private static async Task<IResult> NoteAsync(HttpContext context, IAnnotationStore annotations, ConsoleActions actions)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var subject = ConsoleActions.Text(form, "subject", 300);
        var text = ConsoleActions.Text(form, "text", 2000);
        if (subject is null || !subject.StartsWith("group:", StringComparison.Ordinal) || text is null)
        {
            return ConsoleActions.Problem(context, 400, "Nothing to note", "Write the note for a failure group; nothing was saved.", "/console/failures");
        }

        var user = ConsoleActions.User(context);
        await annotations.AddNoteAsync(new Note(Dms.Hub.Common.Ids.NewUlid(actions.Now), subject, actions.Now, user.Id, user.Name, text), context.RequestAborted);
        await actions.AuditAsync(context, "AddedNote", subject, null, 1, text);
        return Results.Redirect("/console/failures");
    }
}
