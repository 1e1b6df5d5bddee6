using System.Runtime.Serialization;

namespace Dms.Adapters.Soap.Contracts;

/// <summary>Personal data: stored for the OEM, never logged.</summary>
[DataContract(Namespace = SoapNamespaces.Dealer, Name = "buyer")]
public sealed class BuyerXml
{
    [DataMember(Name = "type", Order = 1)]
    public string? Type { get; set; }

    [DataMember(Name = "name", Order = 2)]
    public string? Name { get; set; }

    [DataMember(Name = "email", Order = 3, EmitDefaultValue = false)]
    public string? Email { get; set; }

    [DataMember(Name = "phone", Order = 4, EmitDefaultValue = false)]
    public string? Phone { get; set; }

    [DataMember(Name = "consent", Order = 5, EmitDefaultValue = false)]
    public ConsentXml? Consent { get; set; }
}
