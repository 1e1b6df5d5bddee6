using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

[XmlType(Namespace = Ns.Dealer)]
public sealed class RetailDeliveryReportBuyer
{
    [XmlElement("type", Order = 0)]
    public string Type { get; set; } = "Person";

    [XmlElement("name", Order = 1)]
    public string Name { get; set; } = string.Empty;
}
