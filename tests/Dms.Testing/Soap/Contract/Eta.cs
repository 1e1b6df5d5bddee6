using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

/// <summary>The WSDL's Eta: an estimated arrival window at the dealer.</summary>
[XmlType(Namespace = Ns.Dealer)]
public sealed class Eta
{
    [XmlElement("earliest", DataType = "date", Order = 0)]
    public DateTime Earliest { get; set; }

    [XmlElement("latest", DataType = "date", Order = 1)]
    public DateTime Latest { get; set; }

    [XmlElement("source", Order = 2)]
    public string? Source { get; set; }

    [XmlElement("setAt", Order = 3)]
    public DateTime SetAt { get; set; }

    [XmlElement("receivedAt", Order = 4)]
    public DateTime ReceivedAt { get; set; }
}
