using System.Text.Json.Nodes;
using Dms.Adapters.Soap.Internal.Contract;
using Dms.Adapters.Soap.Internal.Operations;
using Dms.Adapters.Soap.Internal.Xml;
using Microsoft.AspNetCore.Http;

namespace Dms.Adapters.Soap.Internal;

/// <summary>
/// After the gateway: finds the operation by the Body's element in the contract's table, checks SOAPAction, reads
/// the request by the operation's shape and hands it to the same intake, commands, dealer services and mailbox as REST.
/// </summary>
internal sealed class SoapDispatcher(SoapContract contract, DocumentOperations documents, ServiceOperations services, StatusOperation status, MailboxOperations mailbox, ReplyWriter replies)
{
    public async Task InvokeAsync(HttpContext context, SoapEnvelope envelope, SoapCaller caller)
    {
        var element = envelope.Operation;
        var operation = element.Name.Namespace == XsdWriter.Tns ? contract.Dealer.Find(element.Name.LocalName) : null;
        if (operation is null)
        {
            await SoapFault.Processing("s:Client", $"No operation {element.Name.LocalName} in {XsdWriter.Tns.NamespaceName}; the WSDL lists the operations.").WriteAsync(context);
            return;
        }

        if (SoapAction(context.Request) is { Length: > 0 } action && action != operation.SoapAction)
        {
            await SoapFault.Processing("s:Client", $"The SOAPAction header does not match the operation {operation.Name} (expected {operation.SoapAction}).").WriteAsync(context);
            return;
        }

        var errors = new List<SoapError>();
        var input = XmlToJson.Read(element, operation.Input, errors);
        var cancellationToken = context.RequestAborted;
        JsonObject? result = operation.Kind switch
        {
            OperationKind.Submit => await documents.SubmitAsync(operation, input, errors, caller, cancellationToken),
            OperationKind.Command => await documents.CommandAsync(operation, input, errors, caller, envelope, cancellationToken),
            OperationKind.Service => await services.InvokeAsync(operation, input, errors, caller, cancellationToken),
            OperationKind.Status when errors.Count == 0 => await status.GetAsync(input, caller, cancellationToken),
            OperationKind.Pull => await mailbox.PullAsync(input, errors, caller, cancellationToken),
            OperationKind.Acknowledge => await mailbox.AcknowledgeAsync(input, errors, caller, cancellationToken),
            _ => null,
        };
        if (result is null)
        {
            // GetDocumentStatus has no errors in its reply: a request it cannot read is a Client fault naming where.
            await SoapFault.Processing("s:Client", "The request could not be read: " + string.Join("; ", errors.Select(e => $"{e.Path}: {e.Message}"))).WriteAsync(context);
            return;
        }

        await replies.WriteAsync(context, operation, result, caller, envelope);
    }

    /// <summary>The SOAPAction header without its quotes; SOAP 1.1 sends it quoted, some clients do not.</summary>
    private static string? SoapAction(HttpRequest request) =>
        request.Headers.TryGetValue("SOAPAction", out var values) ? values.ToString().Trim().Trim('"') : null;
}
