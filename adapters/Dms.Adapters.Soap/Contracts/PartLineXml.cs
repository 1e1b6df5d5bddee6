using System.Runtime.Serialization;

namespace Dms.Adapters.Soap.Contracts;

[DataContract(Namespace = SoapNamespaces.Dealer, Name = "partLine")]
public sealed class PartLineXml
{
    [DataMember(Name = "partNumber", Order = 1)]
    public string? PartNumber { get; set; }

    [DataMember(Name = "quantity", Order = 2)]
    public int? Quantity { get; set; }

    [DataMember(Name = "unitPrice", Order = 3)]
    public MoneyXml? UnitPrice { get; set; }

    [DataMember(Name = "causal", Order = 4)]
    public bool? Causal { get; set; }
}
