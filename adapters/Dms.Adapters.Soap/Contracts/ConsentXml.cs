using System.Runtime.Serialization;

namespace Dms.Adapters.Soap.Contracts;

[DataContract(Namespace = SoapNamespaces.Dealer, Name = "consent")]
public sealed class ConsentXml
{
    [DataMember(Name = "marketing", Order = 1, EmitDefaultValue = false)]
    public bool? Marketing { get; set; }

    [DataMember(Name = "dataSharing", Order = 2, EmitDefaultValue = false)]
    public bool? DataSharing { get; set; }
}
