using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

[XmlType(Namespace = Ns.Dealer)]
public sealed class TimelineEntry
{
    [XmlElement("sequence", Order = 0)]
    public long Sequence { get; set; }

    [XmlElement("at", Order = 1)]
    public DateTime At { get; set; }

    [XmlElement("event", Order = 2)]
    public string Event { get; set; } = string.Empty;

    [XmlElement("from", Order = 3)]
    public string? From { get; set; }

    [XmlElement("to", Order = 4)]
    public string? To { get; set; }

    [XmlElement("actor", Order = 5)]
    public string Actor { get; set; } = string.Empty;

    [XmlElement("channel", Order = 6)]
    public string Channel { get; set; } = string.Empty;
}
