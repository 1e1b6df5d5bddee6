using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

[XmlType(Namespace = Ns.Dealer)]
public sealed class VehicleOrderStateInvoice
{
    [XmlElement("number", Order = 0)]
    public string Number { get; set; } = string.Empty;

    [XmlElement("date", DataType = "date", Order = 1)]
    public DateTime Date { get; set; }
}
