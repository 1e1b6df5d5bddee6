using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

/// <summary>The WSDL's PartsOrderReceipt: one shipment, the day it arrived, and per line what did not arrive as shipped.</summary>
[XmlType(Namespace = Ns.Dealer)]
public sealed class PartsOrderReceipt
{
    [XmlElement("shipmentId", Order = 0)]
    public string ShipmentId { get; set; } = string.Empty;

    [XmlElement("receivedOn", DataType = "date", Order = 1)]
    public DateTime ReceivedOn { get; set; }

    [XmlArray("lines", Order = 2)]
    [XmlArrayItem("line", IsNullable = false)]
    public PartsOrderReceiptLine[]? Lines { get; set; }

    [XmlElement("comment", Order = 3)]
    public string? Comment { get; set; }
}
