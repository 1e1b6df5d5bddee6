using System.Text.Json;
using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Dealers;
using Dms.Hub.Effects;
using Dms.Hub.Notifications;
using Dms.Hub.Registry;
using Dms.Hub.Routing;
using Dms.Hub.Storage;
using Dms.Hub.Work;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Hub.Workflow;

/// <summary>
/// The one place where documents change: timeline entries, status transitions, the dealer's notification and the
/// work a change causes are all written into the same <see cref="ChangeSet"/>, so they commit together or not at all.
/// That includes the effects other documents declared on this one (<see cref="DocumentReaction"/>) and the named
/// effects (<see cref="IDocumentEffect"/>: rollups, reporting slots) that want the change.
/// </summary>
public sealed class DocumentWorkflow(TimeProvider clock, Router router, IServiceProvider services)
{
    /// <summary>Marks an effect work item that looks for effects due on its own document (<see cref="CatchUp"/>).</summary>
    public const string CatchUpArg = "catchUp";

    // Resolved on first use: document types hold rules that use services built on this workflow.
    private readonly Lazy<DocumentTypeRegistry> _types = new(services.GetRequiredService<DocumentTypeRegistry>);
    private readonly Lazy<DocumentEffects> _effects = new(services.GetRequiredService<DocumentEffects>);

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
            React(changes, document, from, actor.CorrelationId);
            CatchUp(changes, document, from, actor.CorrelationId);
        }

        if (transition.Outbound is { } message)
        {
            Route(changes, document, message, details, dealer, actor.CorrelationId);
        }
    }

    /// <summary>
    /// Sends <paramref name="messageType"/> on its way in the same commit: routing needs only configuration and the
    /// dealer, so the deliveries (record + work, one per destination) are created here. Without a route, a route
    /// work item is created instead; it records the failure and is dead-lettered for an operator to replay.
    /// </summary>
    public void Route(ChangeSet changes, DocumentRecord document, string messageType, JsonObject? details, Dealer dealer, string? correlationId)
    {
        var destinations = router.Resolve(document.DocumentType, dealer);
        if (destinations.Count == 0)
        {
            changes.NewWork.Add(RouteWork(document, messageType, details, correlationId));
            return;
        }

        AddDeliveries(changes, document, messageType, document.ContentVersion, details, destinations, correlationId);
    }

    /// <summary>One delivery per destination not yet sent this message and content version, recorded as Routed.</summary>
    public void AddDeliveries(ChangeSet changes, DocumentRecord document, string messageType, int contentVersion, JsonObject? details, IReadOnlyList<string> destinations, string? correlationId)
    {
        foreach (var destination in destinations)
        {
            var id = DeliveryRecord.MakeId(messageType, contentVersion, destination);
            if (document.FindDelivery(id) is not null)
            {
                continue;
            }

            var delivery = new DeliveryRecord
            {
                Id = id, Destination = destination, MessageType = messageType, ContentVersion = contentVersion,
                CreatedAt = Now, Details = details?.DeepClone().AsObject(),
            };
            document.Deliveries.Add(delivery);
            changes.NewWork.Add(DeliverWork(document, delivery, correlationId));
        }

        Record(document, "Routed", Actor.System(correlationId), new JsonObject
        {
            ["message"] = messageType,
            ["destinations"] = new JsonArray(destinations.Select(d => (JsonNode?)JsonValue.Create(d)).ToArray()),
        });
    }

    private WorkItem RouteWork(DocumentRecord document, string messageType, JsonObject? details, string? correlationId)
    {
        var args = new JsonObject { ["message"] = messageType, ["contentVersion"] = document.ContentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (details is not null)
        {
            args["details"] = details.DeepClone();
        }

        return NewWork(WorkKinds.Route, document.DealerCode, document, args, correlationId);
    }

    public WorkItem DeliverWork(DocumentRecord document, DeliveryRecord delivery, string? correlationId) =>
        NewWork(WorkKinds.Deliver, document.DealerCode, document, new JsonObject { ["deliveryId"] = delivery.Id, ["destination"] = delivery.Destination }, correlationId);

    /// <summary>
    /// The cross-document effects of <paramref name="document"/> entering its current status (<paramref name="previousStatus"/>
    /// null: just created): one effect work item per reaction declared on it and per named effect that wants the change,
    /// committed with this change (so an effect is never lost) and run by the effect handler.
    /// </summary>
    public void React(ChangeSet changes, DocumentRecord document, string? previousStatus, string? correlationId)
    {
        foreach (var effect in _effects.Value.Wanted(document, previousStatus))
        {
            var args = new JsonObject { [DocumentEffects.EffectArgument] = effect.Name };
            if (effect.Carry(document, previousStatus) is { } carried)
            {
                args[DocumentEffects.CarriedArgument] = carried;
            }

            changes.NewWork.Add(Schedule(WorkKinds.Effect, document, args, correlationId));
        }

        var reactions = _types.Value.ReactionsTo(document.DocumentType, document.Status);
        if (reactions.Count == 0 || _types.Value.Get(document.DocumentType).VinOf(document) is not { } vin)
        {
            return;
        }

        foreach (var (target, reaction) in reactions)
        {
            changes.NewWork.Add(Schedule(WorkKinds.Effect, document, new JsonObject
            {
                ["targetType"] = target.Name, ["trigger"] = reaction.Trigger, ["vin"] = vin, ["sourceStatus"] = document.Status,
            }, correlationId));
        }
    }

    /// <summary>
    /// Effects that were due before this document could take them (an RDR accepted before the order's VIN was known, or
    /// while the order was not yet built): when the document enters a status where one of its own reactions becomes
    /// possible, or learns its VIN (<paramref name="previousStatus"/> null), an effect work item looks through the VIN
    /// index for documents already in a status this type reacts to. One per change.
    /// </summary>
    public void CatchUp(ChangeSet changes, DocumentRecord document, string? previousStatus, string? correlationId)
    {
        var type = _types.Value.Get(document.DocumentType);
        if (type.Reactions.Count == 0 || type.VinOf(document) is not { } vin || !CanReact(type, document.Status)
            || (previousStatus is not null && CanReact(type, previousStatus))
            || changes.NewWork.Exists(w => w.Kind == WorkKinds.Effect && w.Arg(CatchUpArg) is not null && w.TrackingId == document.TrackingId))
        {
            return;
        }

        changes.NewWork.Add(Schedule(WorkKinds.Effect, document, new JsonObject { [CatchUpArg] = "true", ["vin"] = vin }, correlationId));
    }

    /// <summary>A work item about <paramref name="document"/>, due now or at <paramref name="dueAt"/> (a durable timer).</summary>
    public WorkItem Schedule(string kind, DocumentRecord document, JsonObject args, string? correlationId, DateTimeOffset? dueAt = null)
    {
        var now = Now;
        var due = dueAt is { } at && at > now ? at : now;
        return new WorkItem(Ids.NewUlid(now), kind, document.DealerCode, document.DocumentType, document.TrackingId, args, now, due, correlationId);
    }

    public void Notify(ChangeSet changes, DocumentRecord document, string? previousStatus, string evt, Dealer dealer, string? correlationId)
    {
        var now = Now;
        var notification = new Notification(
            Ids.NewUlid(now), document.DealerCode, document.TrackingId, document.DocumentType, document.DocumentNumber,
            document.Status, previousStatus, evt, now, document.OemReference, correlationId);
        changes.Notifications.Add(notification);
        if (dealer.NotificationChannel != NotificationChannels.Mailbox && dealer.CallbackUrl is not null)
        {
            // The push carries the notification itself, so it never reads back the mailbox row written with it.
            var args = new JsonObject { ["receiptId"] = notification.ReceiptId, ["notification"] = JsonSerializer.SerializeToNode(notification, HubJson.Options) };
            changes.NewWork.Add(NewWork(WorkKinds.Notify, document.DealerCode, document, args, correlationId));
        }
    }

    private static bool CanReact(DocumentType type, string status) =>
        type.Reactions.Any(r => type.States.TryFire(status, r.Trigger, out _));

    private WorkItem NewWork(string kind, string dealerCode, DocumentRecord document, JsonObject args, string? correlationId) =>
        Schedule(kind, document, args, correlationId) with { DealerCode = dealerCode };
}
