using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

/// <summary>The WSDL's Overlay: a condition set and released independently of the status (an order's hold).</summary>
[XmlType(Namespace = Ns.Dealer)]
public sealed class Overlay
{
    [XmlElement("name", Order = 0)]
    public string Name { get; set; } = string.Empty;

    [XmlElement("active", Order = 1)]
    public bool Active { get; set; }

    [XmlElement("reasonClass", Order = 2)]
    public string? ReasonClass { get; set; }

    [XmlElement("reasonCode", Order = 3)]
    public string? ReasonCode { get; set; }

    [XmlElement("since", Order = 4)]
    public DateTime Since { get; set; }

    [XmlElement("releasedAt", Order = 5)]
    public DateTime ReleasedAt { get; set; }

    [XmlIgnore]
    public bool ReleasedAtSpecified { get; set; }

    [XmlElement("changedAt", Order = 6)]
    public DateTime ChangedAt { get; set; }

    [XmlArray("details", Order = 7)]
    [XmlArrayItem("detail", IsNullable = false)]
    public Detail[]? Details { get; set; }
}
