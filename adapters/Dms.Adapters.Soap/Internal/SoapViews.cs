using Dms.Adapters.Soap.Contracts;
using Dms.Hub.Notifications;
using Dms.Hub.Registry;
using Dms.Hub.Workflow;

namespace Dms.Adapters.Soap.Internal;

internal static class SoapViews
{
    public static DocumentStatusXml Status(DocumentType type, DocumentRecord document)
    {
        var allowed = type.States.TriggersFrom(document.Status);
        return new DocumentStatusXml
        {
            Outcome = "Found",
            TrackingId = document.TrackingId,
            DocumentType = document.DocumentType,
            DocumentNumber = document.DocumentNumber,
            Status = document.Status,
            ContentVersion = document.ContentVersion,
            OemReference = document.OemReference,
            SubmittedAt = document.SubmittedAt.UtcDateTime,
            UpdatedAt = document.UpdatedAt.UtcDateTime,
            AllowedActions = [.. type.Commands.Where(c => c.Triggers.Any(allowed.Contains)).Select(c => c.Name)],
            Timeline = [.. document.Timeline.Select(e => new TimelineEntryXml
            {
                Sequence = e.Sequence, At = e.At.UtcDateTime, Event = e.Event, From = e.From, To = e.To, Actor = e.Actor, Channel = e.Channel,
            })],
        };
    }

    public static NotificationXml Notification(Notification n) => new()
    {
        ReceiptId = n.ReceiptId,
        TrackingId = n.TrackingId,
        DocumentType = n.DocumentType,
        DocumentNumber = n.DocumentNumber,
        Status = n.Status,
        PreviousStatus = n.PreviousStatus,
        Event = n.Event,
        OccurredAt = n.OccurredAt.UtcDateTime,
        OemReference = n.OemReference,
    };
}
