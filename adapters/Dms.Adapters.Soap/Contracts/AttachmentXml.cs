using System.Runtime.Serialization;

namespace Dms.Adapters.Soap.Contracts;

[DataContract(Namespace = SoapNamespaces.Dealer, Name = "attachment")]
public sealed class AttachmentXml
{
    [DataMember(Name = "sha256", Order = 1)]
    public string? Sha256 { get; set; }

    [DataMember(Name = "fileName", Order = 2)]
    public string? FileName { get; set; }

    [DataMember(Name = "contentType", Order = 3)]
    public string? ContentType { get; set; }
}
