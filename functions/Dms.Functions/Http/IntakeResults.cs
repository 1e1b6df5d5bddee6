using System.Text.Json.Nodes;
using Dms.Hub.Intake;
using Dms.Hub.Registry;
using Dms.Hub.Views;

namespace Dms.Functions.Http;

/// <summary>The HTTP form of an <see cref="IntakeResult"/>; a replay answers exactly as the original did.</summary>
internal static class IntakeResults
{
    public const string ReplayHeader = "Idempotent-Replayed";

    public static IResult ToHttp(HttpContext context, IntakeResult result, DocumentType type, int acceptedStatus = StatusCodes.Status202Accepted) => result.Kind switch
    {
        IntakeResultKind.Accepted => Accepted(context, result, type, acceptedStatus),
        IntakeResultKind.Malformed => Problems.Create(context, 400, result.Code!, "Malformed request", result.Message, result.Errors),
        IntakeResultKind.Invalid => Problems.Create(context, 422, result.Code!, "Validation failed", result.Message, result.Errors),
        IntakeResultKind.Conflict => Problems.Create(context, 409, result.Code!, "Conflict", result.Message, extend: body => body["trackingId"] = result.TrackingId),
        IntakeResultKind.IllegalTransition => Problems.Create(context, 409, result.Code!, "Not allowed in this state", result.Message, extend: body =>
        {
            body["trackingId"] = result.TrackingId;
            body["documentStatus"] = result.Status;
            if (result.AllowedActions is { } actions)
            {
                body["allowedActions"] = DocumentView.Actions(actions);
            }

            // An OEM event refused: the events that are legal now (a different vocabulary from the dealer's commands).
            if (result.AllowedTriggers is { } events)
            {
                body["allowedEvents"] = new JsonArray([.. events.Select(t => (JsonNode)JsonValue.Create(t))]);
            }
        }),
        IntakeResultKind.Forbidden => Problems.Create(context, 403, result.Code!, "Forbidden", result.Message),
        _ => Problems.NotFound(context),
    };

    private static IResult Accepted(HttpContext context, IntakeResult result, DocumentType type, int status)
    {
        if (result.Replayed)
        {
            context.Response.Headers[ReplayHeader] = "true";
        }

        var self = DocumentLinks.Self(type, result.TrackingId!);
        context.Response.Headers.Location = self;
        var body = new JsonObject
        {
            ["trackingId"] = result.TrackingId,
            ["status"] = result.Status,
            ["allowedActions"] = DocumentView.Actions(DocumentAction.For(type, result.TrackingId!, result.Status!)),
            ["links"] = DocumentLinks.For(type, result.TrackingId!, result.Status!),
        };
        return Results.Content(body.ToJsonString(), "application/json", statusCode: status);
    }
}
