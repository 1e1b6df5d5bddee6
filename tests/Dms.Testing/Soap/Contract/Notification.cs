using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

[XmlType(Namespace = Ns.Dealer)]
public sealed class Notification
{
    [XmlElement("receiptId", Order = 0)]
    public string ReceiptId { get; set; } = string.Empty;

    [XmlElement("trackingId", Order = 1)]
    public string TrackingId { get; set; } = string.Empty;

    [XmlElement("documentType", Order = 2)]
    public string DocumentType { get; set; } = string.Empty;

    [XmlElement("documentNumber", Order = 3)]
    public string DocumentNumber { get; set; } = string.Empty;

    [XmlElement("status", Order = 4)]
    public string Status { get; set; } = string.Empty;

    [XmlElement("previousStatus", Order = 5)]
    public string? PreviousStatus { get; set; }

    [XmlElement("event", Order = 6)]
    public string Event { get; set; } = string.Empty;

    [XmlElement("occurredAt", Order = 7)]
    public DateTime OccurredAt { get; set; }

    [XmlElement("oemReference", Order = 8)]
    public string? OemReference { get; set; }
}
