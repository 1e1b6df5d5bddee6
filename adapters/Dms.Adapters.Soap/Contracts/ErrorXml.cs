using System.Runtime.Serialization;

namespace Dms.Adapters.Soap.Contracts;

/// <summary>One violation. <c>path</c> is a JSON Pointer whose segments are the element names (0-based indexes).</summary>
[DataContract(Namespace = SoapNamespaces.Dealer, Name = "error")]
public sealed class ErrorXml
{
    [DataMember(Name = "path", Order = 1)]
    public string Path { get; set; } = string.Empty;

    [DataMember(Name = "code", Order = 2)]
    public string Code { get; set; } = string.Empty;

    [DataMember(Name = "message", Order = 3)]
    public string Message { get; set; } = string.Empty;
}
