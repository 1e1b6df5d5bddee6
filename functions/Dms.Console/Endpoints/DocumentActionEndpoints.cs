using Dms.Console.Internal;
using Dms.Hub.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dms.Console.Endpoints;

/// <summary>Operators' actions on one document: show its personal data (with a reason), add a note. Both audited.</summary>
internal static class DocumentActionEndpoints
{
    public static void MapDocumentActions(this IEndpointRouteBuilder console)
    {
        var group = console.MapGroup("/actions/documents/{trackingId}").RequireAuthorization(ConsolePolicies.Operate);
        group.MapPost("/reveal", RevealAsync).ValidateAntiforgery();
        group.MapPost("/notes", AddNoteAsync).ValidateAntiforgery();
    }

    private static async Task<IResult> RevealAsync(HttpContext context, string trackingId, DocumentDetails details, RevealTokens tokens, ConsoleActions actions)
    {
        var user = ConsoleActions.User(context);
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (await details.LoadAsync(trackingId, user.Scope, context.RequestAborted) is not { } detail)
        {
            return ConsoleActions.Problem(context, 404, "Document not found", "There is no such document.", "/console/documents");
        }

        if (ConsoleActions.Text(form, "reason") is not { } reason)
        {
            return ConsoleActions.Problem(context, 400, "A reason is required", "Say why you need to see personal data; nothing was shown.", Links.Document(detail.Record.TrackingId));
        }

        await actions.AuditAsync(context, "RevealedPersonalData", "document " + detail.Record.TrackingId, reason, 1);
        return Results.Redirect(Links.Document(detail.Record.TrackingId) + "?reveal=" + Uri.EscapeDataString(tokens.Issue(user.Id, detail.Record.TrackingId)));
    }

    private static async Task<IResult> AddNoteAsync(HttpContext context, string trackingId, DocumentDetails details, IAnnotationStore notes, ConsoleActions actions)
    {
        var user = ConsoleActions.User(context);
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (await details.LoadAsync(trackingId, user.Scope, context.RequestAborted) is not { } detail)
        {
            return ConsoleActions.Problem(context, 404, "Document not found", "There is no such document.", "/console/documents");
        }

        if (ConsoleActions.Text(form, "text", 2000) is not { } text)
        {
            return ConsoleActions.Problem(context, 400, "The note is empty", "Write the note (at most 2,000 characters); nothing was saved.", Links.Document(detail.Record.TrackingId));
        }

        var id = detail.Record.TrackingId;
        await notes.AddNoteAsync(new Note(Dms.Hub.Common.Ids.NewUlid(actions.Now), Note.ForDocument(id), actions.Now, user.Id, user.Name, text), context.RequestAborted);
        await actions.AuditAsync(context, "AddedNote", "document " + id, null, 1, text);
        return Results.Redirect(Links.Document(id) + "#notes");
    }
}
