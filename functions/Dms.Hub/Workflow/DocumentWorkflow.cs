using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Dealers;
using Dms.Hub.Notifications;
using Dms.Hub.Registry;
using Dms.Hub.Storage;
using Dms.Hub.Work;

namespace Dms.Hub.Workflow;

/// <summary>
/// The one place where documents change: timeline entries, status transitions, the dealer's notification and the
/// work a change causes are all written into the same <see cref="ChangeSet"/>, so they commit together or not at all.
/// </summary>
public sealed class DocumentWorkflow(TimeProvider clock, DocumentEffects effects)
{
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Appends a timeline entry (no status change unless <paramref name="from"/>/<paramref name="to"/> say so).</summary>
    public TimelineEntry Record(DocumentRecord document, string evt, Actor actor, JsonObject? details = null, string? from = null, string? to = null)
    {
        var now = Now;
        document.Revision++;
        document.UpdatedAt = now;
        var entry = new TimelineEntry(document.Revision, now, evt, from, to, actor.Id, actor.Channel, actor.CorrelationId, details);
        document.Timeline.Add(entry);
        return entry;
    }

    /// <summary>Takes <paramref name="transition"/>: new status, timeline entry, the dealer's notification, outbound routing.</summary>
    public void Apply(ChangeSet changes, DocumentRecord document, Transition transition, Actor actor, Dealer dealer, JsonObject? details = null)
    {
        var from = document.Status;
        document.Status = transition.To;
        Record(document, transition.Trigger, actor, details, from, transition.To);
        if (from != transition.To)
        {
            Notify(changes, document, from, transition.Trigger, dealer, actor.CorrelationId);
            AddEffects(changes, document, from, actor.CorrelationId);
        }

        if (transition.Outbound is { } message)
        {
            changes.NewWork.Add(RouteWork(document, message, details, actor.CorrelationId));
        }
    }

    public WorkItem RouteWork(DocumentRecord document, string messageType, JsonObject? details, string? correlationId)
    {
        var args = new JsonObject { ["message"] = messageType, ["contentVersion"] = document.ContentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (details is not null)
        {
            args["details"] = details.DeepClone();
        }

        return NewWork(WorkKinds.Route, document.DealerCode, document, args, correlationId);
    }

    /// <summary>Durable work for every effect that wants this change (<paramref name="previousStatus"/> null: created).</summary>
    public void AddEffects(ChangeSet changes, DocumentRecord document, string? previousStatus, string? correlationId)
    {
        foreach (var effect in effects.Wanted(document, previousStatus))
        {
            changes.NewWork.Add(NewWork(WorkKinds.Effect, document.DealerCode, document, new JsonObject { [EffectHandler.EffectArgument] = effect.Name }, correlationId));
        }
    }

    public WorkItem DeliverWork(DocumentRecord document, DeliveryRecord delivery, string? correlationId) =>
        NewWork(WorkKinds.Deliver, document.DealerCode, document, new JsonObject { ["deliveryId"] = delivery.Id }, correlationId);

    public void Notify(ChangeSet changes, DocumentRecord document, string? previousStatus, string evt, Dealer dealer, string? correlationId)
    {
        var now = Now;
        var notification = new Notification(
            Ids.NewUlid(now), document.DealerCode, document.TrackingId, document.DocumentType, document.DocumentNumber,
            document.Status, previousStatus, evt, now, document.OemReference, correlationId);
        changes.Notifications.Add(notification);
        if (dealer.NotificationChannel != NotificationChannels.Mailbox && dealer.CallbackUrl is not null)
        {
            changes.NewWork.Add(NewWork(WorkKinds.Notify, document.DealerCode, document, new JsonObject { ["receiptId"] = notification.ReceiptId }, correlationId));
        }
    }

    private WorkItem NewWork(string kind, string dealerCode, DocumentRecord document, JsonObject args, string? correlationId)
    {
        var now = Now;
        return new WorkItem(Ids.NewUlid(now), kind, dealerCode, document.DocumentType, document.TrackingId, args, now, now, correlationId);
    }
}
