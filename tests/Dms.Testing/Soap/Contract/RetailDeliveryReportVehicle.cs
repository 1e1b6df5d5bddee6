using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

[XmlType(Namespace = Ns.Dealer)]
public sealed class RetailDeliveryReportVehicle
{
    [XmlElement("modelCode", Order = 0)]
    public string ModelCode { get; set; } = string.Empty;

    [XmlElement("modelYear", Order = 1)]
    public int ModelYear { get; set; }
}
