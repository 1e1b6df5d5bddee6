using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

[XmlType(Namespace = Ns.Dealer)]
public sealed class Delivery
{
    [XmlElement("destination", Order = 0)]
    public string Destination { get; set; } = string.Empty;

    [XmlElement("messageType", Order = 1)]
    public string MessageType { get; set; } = string.Empty;

    [XmlElement("contentVersion", Order = 2)]
    public long ContentVersion { get; set; }

    [XmlElement("status", Order = 3)]
    public string Status { get; set; } = string.Empty;

    [XmlElement("attempts", Order = 4)]
    public long Attempts { get; set; }

    [XmlElement("lastError", Order = 5)]
    public string? LastError { get; set; }

    [XmlElement("oemReference", Order = 6)]
    public string? OemReference { get; set; }

    [XmlElement("createdAt", Order = 7)]
    public DateTime CreatedAt { get; set; }

    [XmlElement("completedAt", Order = 8)]
    public DateTime CompletedAt { get; set; }

    [XmlIgnore]
    public bool CompletedAtSpecified { get; set; }

    [XmlElement("nextAttemptAt", Order = 9)]
    public DateTime NextAttemptAt { get; set; }

    [XmlIgnore]
    public bool NextAttemptAtSpecified { get; set; }
}
