using System.Runtime.Serialization;

namespace Dms.Adapters.Soap.Contracts;

[DataContract(Namespace = SoapNamespaces.Dealer, Name = "otherCost")]
public sealed class OtherCostXml
{
    [DataMember(Name = "type", Order = 1)]
    public string? Type { get; set; }

    [DataMember(Name = "description", Order = 2, EmitDefaultValue = false)]
    public string? Description { get; set; }

    [DataMember(Name = "amount", Order = 3)]
    public MoneyXml? Amount { get; set; }
}
