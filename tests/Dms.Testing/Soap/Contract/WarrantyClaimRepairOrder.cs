using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

[XmlType(Namespace = Ns.Dealer)]
public sealed class WarrantyClaimRepairOrder
{
    [XmlElement("number", Order = 0)]
    public string Number { get; set; } = string.Empty;

    [XmlElement("openedOn", DataType = "date", Order = 1)]
    public DateTime OpenedOn { get; set; }

    [XmlElement("closedOn", DataType = "date", Order = 2)]
    public DateTime ClosedOn { get; set; }

    [XmlElement("mileageIn", Order = 3)]
    public Distance MileageIn { get; set; } = new();
}
