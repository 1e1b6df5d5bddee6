using System.Text.Json.Nodes;
using Dms.Adapters.Soap.Internal.Contract;
using Dms.Adapters.Soap.Internal.Xml;
using Dms.Hub.Intake;
using Dms.Hub.Registry;
using Dms.Hub.Validation;
using Dms.Hub.Views;

namespace Dms.Adapters.Soap.Internal.Operations;

/// <summary>
/// The SOAP form of an <see cref="IntakeResult"/>: business errors are messages, never faults (STAR). Error paths
/// are given in the request's XML shape, with the JSON Pointer beside them; nothing says JSON to a SOAP client.
/// </summary>
internal static class Acknowledgements
{
    public static JsonObject From(IntakeResult result, SoapOperation operation)
    {
        var ack = new JsonObject
        {
            ["outcome"] = Outcome(result.Kind),
            ["trackingId"] = result.TrackingId,
            ["status"] = result.Status,
            ["replayed"] = result.Replayed,
            ["code"] = result.Code,
            ["message"] = Message(result),
        };
        if (result.Errors is { Count: > 0 } errors)
        {
            ack["errors"] = Errors(errors.Select(e => new SoapError(
                XmlPaths.FromPointer(operation.Body!, operation.BodyShape!, e.Path), e.Path, e.Code, Wording(e.Message))));
        }

        var actions = result.Kind == IntakeResultKind.Accepted && operation.Type is { } type
            ? DocumentAction.For(type, result.TrackingId!, result.Status!)
            : result.AllowedActions;
        if (actions is not null)
        {
            ack["allowedActions"] = DocumentView.Actions(actions);
        }

        return ack;
    }

    /// <summary>A request whose XML could not be read into a document or command.</summary>
    public static JsonObject Rejected(IEnumerable<SoapError> errors) => new()
    {
        ["outcome"] = "Rejected",
        ["replayed"] = false,
        ["code"] = "VALIDATION_FAILED",
        ["message"] = "The request breaks the contract; see errors.",
        ["errors"] = Errors(errors),
    };

    public static JsonArray Errors(IEnumerable<SoapError> errors) =>
        new([.. errors.Select(e => (JsonNode)new JsonObject { ["path"] = e.Path, ["jsonPointer"] = e.JsonPointer, ["code"] = e.Code, ["message"] = e.Message })]);

    private static string Outcome(IntakeResultKind kind) => kind switch
    {
        IntakeResultKind.Accepted => "Accepted",
        IntakeResultKind.Conflict => "Conflict",
        IntakeResultKind.IllegalTransition => "NotAllowed",
        IntakeResultKind.NotFound => "NotFound",
        IntakeResultKind.Forbidden => "Forbidden",
        _ => "Rejected",
    };

    private static string? Message(IntakeResult result) => result.Code switch
    {
        Idempotency.KeyReused => "This commandId was used for a different request.",
        ErrorCodes.MalformedJson => "The request could not be read.",
        _ => result.Message is null ? null : Wording(result.Message),
    };

    // The schema validator speaks of JSON objects and arrays; in the request's XML those are elements and lists.
    public static string Wording(string message) => message switch
    {
        "Expected an object." => "Expected child elements.",
        "Expected an array." => "Expected a list element.",
        "The body must be a JSON object." => "The request could not be read.",
        _ when message.Contains("JSON", StringComparison.Ordinal) => "The value could not be read.",
        _ => message.Replace("is not a known field", "is not a known element", StringComparison.Ordinal),
    };
}
