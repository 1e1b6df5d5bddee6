using Dms.Hub.Registry;
using Dms.Hub.Services;

namespace Dms.Adapters.Soap.Internal.Contract;

internal enum OperationKind
{
    Submit,
    Command,
    Status,
    Pull,
    Acknowledge,
    Notify,
    Service,
}

/// <summary>
/// One operation of the contract (document/literal wrapped): the request element is the operation's name, the
/// reply element its name plus <c>Response</c>, each an anonymous type of child elements.
/// </summary>
/// <param name="Result">The reply wrapper's one child (<c>acknowledgement</c>, <c>documentStatus</c> …), if any.</param>
/// <param name="Body">For submissions, commands and dealer services: the request child that carries the body the hub validates as JSON.</param>
/// <param name="Service">For a dealer service (stock snapshot, suggestion): the service it runs.</param>
internal sealed record SoapOperation(
    string Name,
    OperationKind Kind,
    string SoapAction,
    ObjectShape Input,
    ObjectShape Output,
    string? Result,
    string Documentation,
    DocumentType? Type = null,
    DocumentCommand? Command = null,
    string? Body = null,
    DealerService? Service = null)
{
    public string ResponseName => Name + "Response";

    /// <summary>The shape of the request child that the hub validates as JSON.</summary>
    public Shape? BodyShape => Body is null ? null : Input.Find(Body)!.Shape;
}

/// <summary>A WSDL service: its name, what it is for, and its operations.</summary>
internal sealed record SoapService(string Name, string Documentation, string? FixedAddress, IReadOnlyList<SoapOperation> Operations)
{
    public SoapOperation? Find(string element) => Operations.FirstOrDefault(o => o.Name == element);
}
