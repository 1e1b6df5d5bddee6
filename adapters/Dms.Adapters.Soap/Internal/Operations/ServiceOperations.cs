using System.Text;
using System.Text.Json.Nodes;
using Dms.Adapters.Soap.Internal.Contract;
using Dms.Adapters.Soap.Internal.Xml;
using Dms.Hub.Services;

namespace Dms.Adapters.Soap.Internal.Operations;

/// <summary>
/// Dealer services (stock snapshots, suggested stock orders): the request body, read from XML, goes through the same
/// <see cref="DealerServices"/> as REST — schema, then the service — and the answer is its result in SOAP terms.
/// A retry is safe by the service's own key (a snapshot's snapshotId; a confirmation answers with the same orders).
/// </summary>
internal sealed class ServiceOperations(DealerServices services)
{
    public async Task<JsonObject> InvokeAsync(SoapOperation operation, JsonObject input, IReadOnlyList<SoapError> errors, SoapCaller caller, CancellationToken cancellationToken)
    {
        if (errors.Count > 0)
        {
            return Acknowledgements.Rejected(errors.Select(e => e with { JsonPointer = XmlPaths.Rebase(e.JsonPointer, operation.Body!) }));
        }

        var service = operation.Service!;
        var parameters = service.Parameters.ToDictionary(p => p.Name, p => (string?)input[p.Name] ?? string.Empty, StringComparer.Ordinal);
        // Typed on both branches: a null byte[] would convert to an empty (not an absent) ReadOnlyMemory.
        var body = input[operation.Body!] is { } node ? new ReadOnlyMemory<byte>(Encoding.UTF8.GetBytes(node.ToJsonString())) : (ReadOnlyMemory<byte>?)null;
        var result = await services.RunAsync(service, caller.Dealer, caller.Actor, parameters, body, cancellationToken);
        return From(result, operation);
    }

    private static JsonObject From(ServiceResult result, SoapOperation operation)
    {
        var reply = new JsonObject
        {
            ["outcome"] = Outcome(result.Outcome),
            ["replayed"] = result.Replayed,
            ["code"] = result.Code,
            ["message"] = result.Message is null ? null : Acknowledgements.Wording(result.Message),
        };
        if (result.Errors is { Count: > 0 } errors)
        {
            reply["errors"] = Acknowledgements.Errors(errors.Select(e => new SoapError(
                XmlPaths.FromPointer(operation.Body!, operation.BodyShape!, e.Path), e.Path, e.Code, Acknowledgements.Wording(e.Message))));
        }

        if (result.Details is { Count: > 0 } details)
        {
            reply["details"] = new JsonArray([.. details.Where(d => d.Value is not null).Select(d => (JsonNode)new JsonObject { ["name"] = d.Key, ["value"] = d.Value!.ToString() })]);
        }

        if (result.Reply is { } body)
        {
            reply[ShapeBuilder.ElementName(operation.Service!.ReplySchema)] = body.DeepClone();
        }

        return reply;
    }

    private static string Outcome(ServiceOutcome outcome) => outcome switch
    {
        ServiceOutcome.Created or ServiceOutcome.Accepted => "Accepted",
        ServiceOutcome.Conflict => "Conflict",
        ServiceOutcome.NotFound => "NotFound",
        _ => "Rejected",
    };
}
