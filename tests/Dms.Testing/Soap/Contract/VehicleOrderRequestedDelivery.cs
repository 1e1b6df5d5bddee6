using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

[XmlType(Namespace = Ns.Dealer)]
public sealed class VehicleOrderRequestedDelivery
{
    [XmlElement("earliest", DataType = "date", Order = 0)]
    public DateTime Earliest { get; set; }

    [XmlElement("latest", DataType = "date", Order = 1)]
    public DateTime Latest { get; set; }
}
