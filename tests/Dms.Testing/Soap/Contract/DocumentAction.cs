using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

[XmlType(Namespace = Ns.Dealer)]
public sealed class DocumentAction
{
    [XmlElement("name", Order = 0)]
    public string Name { get; set; } = string.Empty;

    [XmlElement("summary", Order = 1)]
    public string Summary { get; set; } = string.Empty;

    [XmlElement("href", Order = 2)]
    public string Href { get; set; } = string.Empty;

    [XmlElement("soapOperation", Order = 3)]
    public string SoapOperation { get; set; } = string.Empty;
}
