using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

/// <summary>The WSDL's PartsOrderReceiptLineDiscrepancy: Short, Over, Damaged or WrongPart.</summary>
[XmlType(Namespace = Ns.Dealer)]
public sealed class PartsOrderReceiptLineDiscrepancy
{
    [XmlElement("kind", Order = 0)]
    public string Kind { get; set; } = string.Empty;

    [XmlElement("quantity", Order = 1)]
    public long Quantity { get; set; }

    [XmlElement("partNumberReceived", Order = 2)]
    public string? PartNumberReceived { get; set; }

    [XmlElement("note", Order = 3)]
    public string? Note { get; set; }
}
