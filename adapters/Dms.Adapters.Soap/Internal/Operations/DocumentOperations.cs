using System.Text;
using System.Text.Json.Nodes;
using Dms.Adapters.Soap.Internal.Contract;
using Dms.Adapters.Soap.Internal.Xml;
using Dms.Hub.Intake;
using Dms.Hub.Validation;

namespace Dms.Adapters.Soap.Internal.Operations;

/// <summary>
/// Submissions and commands: the request's document or command body, read from XML, goes through the same intake
/// and commands as REST. A command's commandId (or else wsa:MessageID) is its idempotency key.
/// </summary>
internal sealed class DocumentOperations(DocumentIntake intake, DocumentCommands commands)
{
    public async Task<JsonObject> SubmitAsync(SoapOperation operation, JsonObject input, IReadOnlyList<SoapError> errors, SoapCaller caller, CancellationToken cancellationToken)
    {
        if (errors.Count > 0)
        {
            return Acknowledgements.Rejected(Rebased(errors, operation));
        }

        var submission = new Submission(operation.Type!, caller.Dealer, Json(input[operation.Body!]), "application/json", null, caller.Actor, caller.Received);
        return Acknowledgements.From(await intake.SubmitAsync(submission, cancellationToken), operation);
    }

    public async Task<JsonObject> CommandAsync(SoapOperation operation, JsonObject input, IReadOnlyList<SoapError> errors, SoapCaller caller, SoapEnvelope envelope, CancellationToken cancellationToken)
    {
        var commandId = (string?)input["commandId"];
        var problems = Rebased(errors, operation).ToList();
        if (commandId is not null && !IsKey(commandId))
        {
            problems.Add(new SoapError("commandId", null, ErrorCodes.InvalidFormat, "Use 1–255 printable ASCII characters without spaces."));
        }

        if (problems.Count > 0)
        {
            return Acknowledgements.Rejected(problems);
        }

        var key = commandId ?? (envelope.MessageId is { } id && IsKey(id) ? id : null);
        var request = new CommandRequest(operation.Type!, caller.Dealer, (string)input["trackingId"]!, operation.Command!.Name, Json(input[operation.Body!]), key, caller.Actor, caller.Received);
        return Acknowledgements.From(await commands.ExecuteAsync(request, cancellationToken), operation);
    }

    private static IEnumerable<SoapError> Rebased(IEnumerable<SoapError> errors, SoapOperation operation) =>
        errors.Select(e => e with { JsonPointer = XmlPaths.Rebase(e.JsonPointer, operation.Body!) });

    private static bool IsKey(string value) => value.Length is > 0 and <= 255 && value.All(c => c is >= '!' and <= '~');

    private static byte[] Json(JsonNode? body) => Encoding.UTF8.GetBytes(body?.ToJsonString() ?? "null");
}
