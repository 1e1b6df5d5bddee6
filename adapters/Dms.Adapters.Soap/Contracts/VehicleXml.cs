using System.Runtime.Serialization;

namespace Dms.Adapters.Soap.Contracts;

[DataContract(Namespace = SoapNamespaces.Dealer, Name = "vehicle")]
public sealed class VehicleXml
{
    [DataMember(Name = "modelCode", Order = 1)]
    public string? ModelCode { get; set; }

    [DataMember(Name = "modelYear", Order = 2)]
    public int? ModelYear { get; set; }

    [DataMember(Name = "trim", Order = 3, EmitDefaultValue = false)]
    public string? Trim { get; set; }
}
