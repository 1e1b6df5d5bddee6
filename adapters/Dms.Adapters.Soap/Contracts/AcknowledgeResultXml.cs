using System.Runtime.Serialization;

namespace Dms.Adapters.Soap.Contracts;

[DataContract(Namespace = SoapNamespaces.Dealer, Name = "acknowledgeResult")]
public sealed class AcknowledgeResultXml
{
    [DataMember(Name = "acknowledged", Order = 1)]
    public StringListXml Acknowledged { get; set; } = [];

    [DataMember(Name = "unknown", Order = 2)]
    public StringListXml Unknown { get; set; } = [];
}
