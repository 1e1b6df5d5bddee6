using System.Runtime.Serialization;

namespace Dms.Adapters.Soap.Contracts;

[DataContract(Namespace = SoapNamespaces.Dealer, Name = "repairOrder")]
public sealed class RepairOrderXml
{
    [DataMember(Name = "number", Order = 1)]
    public string? Number { get; set; }

    [DataMember(Name = "openedOn", Order = 2)]
    public string? OpenedOn { get; set; }

    [DataMember(Name = "closedOn", Order = 3)]
    public string? ClosedOn { get; set; }

    [DataMember(Name = "mileageIn", Order = 4)]
    public DistanceXml? MileageIn { get; set; }
}
