using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

[XmlType(Namespace = Ns.Dealer)]
public sealed class WarrantyClaimPartLine
{
    [XmlElement("partNumber", Order = 0)]
    public string PartNumber { get; set; } = string.Empty;

    [XmlElement("quantity", Order = 1)]
    public int Quantity { get; set; }

    [XmlElement("unitPrice", Order = 2)]
    public Money UnitPrice { get; set; } = new();

    [XmlElement("causal", Order = 3)]
    public bool Causal { get; set; }
}
