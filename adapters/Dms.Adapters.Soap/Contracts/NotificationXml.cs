using System.Runtime.Serialization;

namespace Dms.Adapters.Soap.Contracts;

/// <summary>A status change; acknowledge it with its <c>receiptId</c> (pulled), or it was pushed to your callback.</summary>
[DataContract(Namespace = SoapNamespaces.Dealer, Name = "notification")]
public sealed class NotificationXml
{
    [DataMember(Name = "receiptId", Order = 1)]
    public string ReceiptId { get; set; } = string.Empty;

    [DataMember(Name = "trackingId", Order = 2)]
    public string TrackingId { get; set; } = string.Empty;

    [DataMember(Name = "documentType", Order = 3)]
    public string DocumentType { get; set; } = string.Empty;

    [DataMember(Name = "documentNumber", Order = 4)]
    public string DocumentNumber { get; set; } = string.Empty;

    [DataMember(Name = "status", Order = 5)]
    public string Status { get; set; } = string.Empty;

    [DataMember(Name = "previousStatus", Order = 6, EmitDefaultValue = false)]
    public string? PreviousStatus { get; set; }

    [DataMember(Name = "event", Order = 7)]
    public string Event { get; set; } = string.Empty;

    [DataMember(Name = "occurredAt", Order = 8)]
    public DateTime OccurredAt { get; set; }

    [DataMember(Name = "oemReference", Order = 9, EmitDefaultValue = false)]
    public string? OemReference { get; set; }
}
