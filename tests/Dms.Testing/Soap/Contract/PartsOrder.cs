using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

/// <summary>The WSDL's PartsOrder (the elements a test sends; the others are optional).</summary>
[XmlType(Namespace = Ns.Dealer)]
public sealed class PartsOrder
{
    [XmlElement("dealerOrderNumber", Order = 0)]
    public string DealerOrderNumber { get; set; } = string.Empty;

    [XmlElement("orderType", Order = 1)]
    public string OrderType { get; set; } = "Stock";

    [XmlElement("vin", Order = 2)]
    public string? Vin { get; set; }

    [XmlElement("repairOrderNumber", Order = 3)]
    public string? RepairOrderNumber { get; set; }

    [XmlArray("lines", Order = 4)]
    [XmlArrayItem("line", IsNullable = false)]
    public PartsOrderLine[] Lines { get; set; } = [];
}
