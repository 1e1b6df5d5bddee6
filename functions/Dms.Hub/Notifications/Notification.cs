namespace Dms.Hub.Notifications;

/// <summary>A status change told to a dealer: kept in its mailbox until acknowledged, and pushed if it has a callback.</summary>
public sealed record Notification(
    string ReceiptId,
    string DealerCode,
    string TrackingId,
    string DocumentType,
    string DocumentNumber,
    string Status,
    string? PreviousStatus,
    string Event,
    DateTimeOffset OccurredAt,
    string? OemReference,
    string? CorrelationId);
