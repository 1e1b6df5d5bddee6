using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

[XmlType(Namespace = Ns.Dealer)]
public sealed class NotificationBatch
{
    [XmlElement("outcome", Order = 0)]
    public string Outcome { get; set; } = string.Empty;

    [XmlArray("errors", Order = 1)]
    [XmlArrayItem("error", IsNullable = false)]
    public ValidationError[]? Errors { get; set; }

    [XmlArray("notifications", Order = 2)]
    [XmlArrayItem("notification", IsNullable = false)]
    public Notification[] Notifications { get; set; } = [];
}
