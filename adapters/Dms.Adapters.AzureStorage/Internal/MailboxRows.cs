using Azure.Data.Tables;
using Dms.Hub.Notifications;

namespace Dms.Adapters.AzureStorage.Internal;

internal static class MailboxRows
{
    public static TableEntity ToEntity(string partition, Notification n) => new(partition, RowKeys.Mailbox(n.DealerCode, n.ReceiptId))
    {
        [nameof(Notification.ReceiptId)] = n.ReceiptId,
        [nameof(Notification.DealerCode)] = n.DealerCode,
        [nameof(Notification.TrackingId)] = n.TrackingId,
        [nameof(Notification.DocumentType)] = n.DocumentType,
        [nameof(Notification.DocumentNumber)] = n.DocumentNumber,
        [nameof(Notification.Status)] = n.Status,
        [nameof(Notification.PreviousStatus)] = n.PreviousStatus,
        [nameof(Notification.Event)] = n.Event,
        [nameof(Notification.OccurredAt)] = n.OccurredAt.UtcDateTime,
        [nameof(Notification.OemReference)] = n.OemReference,
        [nameof(Notification.CorrelationId)] = n.CorrelationId,
    };

    public static Notification FromEntity(TableEntity e) => new(
        e.GetString(nameof(Notification.ReceiptId)),
        e.GetString(nameof(Notification.DealerCode)),
        e.GetString(nameof(Notification.TrackingId)),
        e.GetString(nameof(Notification.DocumentType)),
        e.GetString(nameof(Notification.DocumentNumber)),
        e.GetString(nameof(Notification.Status)),
        e.GetString(nameof(Notification.PreviousStatus)),
        e.GetString(nameof(Notification.Event)),
        e.GetDateTimeOffset(nameof(Notification.OccurredAt)) ?? default,
        e.GetString(nameof(Notification.OemReference)),
        e.GetString(nameof(Notification.CorrelationId)));
}
