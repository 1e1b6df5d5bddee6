using System.Runtime.Serialization;

namespace Dms.Adapters.Soap.Contracts;

[DataContract(Namespace = SoapNamespaces.Dealer, Name = "distance")]
public sealed class DistanceXml
{
    [DataMember(Name = "value", Order = 1)]
    public long? Value { get; set; }

    /// <summary>km or mi.</summary>
    [DataMember(Name = "unit", Order = 2)]
    public string? Unit { get; set; }
}
