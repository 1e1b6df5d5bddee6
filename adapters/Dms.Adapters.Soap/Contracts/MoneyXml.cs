using System.Runtime.Serialization;

namespace Dms.Adapters.Soap.Contracts;

/// <summary>Integer minor units and an ISO 4217 code.</summary>
[DataContract(Namespace = SoapNamespaces.Dealer, Name = "money")]
public sealed class MoneyXml
{
    [DataMember(Name = "amount", Order = 1)]
    public long? Amount { get; set; }

    [DataMember(Name = "currency", Order = 2)]
    public string? Currency { get; set; }
}
