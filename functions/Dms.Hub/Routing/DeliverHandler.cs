using System.Diagnostics;
using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Dealers;
using Dms.Hub.Registry;
using Dms.Hub.Storage;
using Dms.Hub.Work;
using Dms.Hub.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Hub.Routing;

/// <summary>
/// Sends one delivery through its destination's adapter, then records the outcome on the document in the same
/// commit that completes, reschedules or dead-letters the work. On a concurrent change the outcome is re-applied
/// to a fresh copy; the destination is never called twice for one run.
/// </summary>
internal sealed class DeliverHandler(
    DocumentCommitter committer,
    DocumentTypeRegistry types,
    DealerDirectory dealers,
    Router router,
    IServiceProvider services,
    DocumentWorkflow workflow,
    HubTelemetry telemetry) : IWorkHandler
{
    private static readonly TimeSpan DefaultDeferral = TimeSpan.FromSeconds(2);

    public string Kind => WorkKinds.Deliver;

    /// <summary>
    /// A batch file's deliveries run together, as many at once as the loop sends (a destination's concurrency limit is
    /// sized for that): their outcomes commit into shared transactions (<see cref="CommitGroup"/>).
    /// </summary>
    public int RunsTogether(WorkItem item, int concurrency) => concurrency;

    public TimeSpan? DeferFor(WorkItem item)
    {
        var destination = item.Arg("destination") ?? item.Arg("deliveryId")?.Split('@')[^1];
        return destination is not null && router.Destination(destination) is { } options
            ? services.GetKeyedService<IOutboundAdapter>(options.Adapter)?.DeferFor(destination)
            : null;
    }

    public async Task<WorkOutcome> HandleAsync(WorkLease lease, CancellationToken cancellationToken)
    {
        var item = lease.Item;
        var deliveryId = item.Arg("deliveryId")!;
        var key = new DocumentKey(item.DealerCode, item.DocumentType!, item.TrackingId!);
        var (document, cached) = await committer.LoadAsync(key, cancellationToken);
        if (cached && document?.FindDelivery(deliveryId) is not { Status: DeliveryStatus.Pending or DeliveryStatus.DeadLettered })
        {
            // This process's copy says there is nothing to send: make sure on the stored version before giving up.
            document = await committer.ReadAsync(key, cancellationToken);
        }

        var delivery = document?.FindDelivery(deliveryId);
        var dealer = await dealers.GetDealerAsync(item.DealerCode, cancellationToken);
        if (document is null || delivery is null || dealer is null || delivery.Status is DeliveryStatus.Delivered or DeliveryStatus.Failed)
        {
            var done = new ChangeSet(item.DealerCode) { CompleteWork = lease };
            return DocumentCommitter.OutcomeOf(await committer.CommitAsync(done, cancellationToken), done);
        }

        var destination = router.Destination(delivery.Destination);
        var adapter = destination is null ? null : services.GetKeyedService<IOutboundAdapter>(destination.Adapter);
        if (destination is null || adapter is null)
        {
            var reason = $"Destination '{delivery.Destination}' or its adapter is not configured.";
            return await FinishAsync(key, document, lease, (d, changes) => DeadLetter(d, deliveryId, lease, reason, changes), cancellationToken);
        }

        if (HasEarlierPending(document, delivery))
        {
            // An earlier message to this destination is still on its way: wait for it, or a cancellation could
            // overtake the claim it cancels. The earlier delivery wakes this one when it settles. Decided again on
            // every re-plan: if the earlier one settled meanwhile, nobody would wake us, so we go at once.
            return await FinishAsync(key, document, lease, (d, changes) =>
            {
                var waiting = d.FindDelivery(deliveryId)!;
                if (HasEarlierPending(d, waiting))
                {
                    waiting.Parked = true;
                }
                else
                {
                    changes.NewWork.Add(workflow.DeliverWork(d, waiting, lease.Item.CorrelationId));
                }

                changes.CompleteWork = lease;
            }, cancellationToken);
        }

        var started = Stopwatch.GetTimestamp();
        var result = await SendAsync(adapter, OutboundEnvelope.Build(document, delivery, dealer), cancellationToken);
        var latency = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (result.Outcome == DeliveryOutcome.Deferred)
        {
            // Nothing was sent: the document does not change, the work waits and gets its attempt back.
            var wait = new ChangeSet(item.DealerCode) { DeferWork = (lease, workflow.Now + (result.RetryAfter ?? DefaultDeferral), result.Error ?? "deferred") };
            return DocumentCommitter.OutcomeOf(await committer.CommitAsync(wait, cancellationToken), wait);
        }

        var type = types.Get(document.DocumentType);
        return await FinishAsync(key, document, lease, (d, changes) => Apply(d, type, dealer, deliveryId, lease, destination, result, latency, changes), cancellationToken);
    }

    private async Task<DeliveryResult> SendAsync(IOutboundAdapter adapter, OutboundMessage message, CancellationToken cancellationToken)
    {
        using var activity = HubTelemetry.Source.StartActivity($"deliver {message.Destination}", ActivityKind.Producer);
        activity?.SetTag("dms.tracking_id", message.TrackingId);
        var started = Stopwatch.GetTimestamp();
        var result = await adapter.SendAsync(message, cancellationToken);
        telemetry.DeliveryDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("destination", message.Destination));
        telemetry.Deliveries.Add(1, new("destination", message.Destination), new("outcome", result.Outcome.ToString()));
        return result;
    }

    private void Apply(DocumentRecord document, DocumentType type, Dealer dealer, string deliveryId, WorkLease lease, DestinationOptions destination, DeliveryResult result, int latencyMs, ChangeSet changes)
    {
        var delivery = document.FindDelivery(deliveryId)!;
        var system = Actor.System(lease.Item.CorrelationId);
        delivery.Attempts = lease.Attempt;
        var details = new JsonObject
        {
            ["destination"] = delivery.Destination, ["delivery"] = delivery.Id, ["message"] = delivery.MessageType, ["attempt"] = lease.Attempt, ["latencyMs"] = latencyMs,
        };
        switch (result.Outcome)
        {
            case DeliveryOutcome.Delivered:
                delivery.Status = DeliveryStatus.Delivered;
                delivery.OemReference = result.Reference;
                delivery.CompletedAt = workflow.Now;
                document.OemReference ??= result.Reference;
                details["oemReference"] = result.Reference;
                workflow.Record(document, "Delivered", system, details);
                changes.CompleteWork = lease;
                break;
            case DeliveryOutcome.Permanent:
                delivery.Status = DeliveryStatus.Failed;
                delivery.LastError = result.Error;
                delivery.CompletedAt = workflow.Now;
                details["status"] = result.StatusCode;
                details["error"] = result.Error;
                workflow.Record(document, "DeliveryFailed", system, details);
                if (type.States.TryFire(document.Status, Triggers.DeliveryRejected, out var rejected))
                {
                    workflow.Apply(changes, document, rejected, system, dealer, new JsonObject { ["reason"] = result.Error });
                }

                changes.CompleteWork = lease;
                break;
            case DeliveryOutcome.Transient when lease.Attempt < destination.Retry.MaxAttempts:
                var due = workflow.Now + Backoff.Next(destination.Retry, lease.Attempt, result.RetryAfter, Random.Shared.NextDouble());
                delivery.LastError = result.Error;
                delivery.NextAttemptAt = due;
                details["error"] = result.Error;
                details["nextAttemptAt"] = due;
                workflow.Record(document, "DeliveryAttemptFailed", system, details);
                changes.RescheduleWork = (lease, due, result.Error ?? "transient failure");
                return;
            default:
                DeadLetter(document, deliveryId, lease, $"Gave up after {lease.Attempt} attempts: {result.Error}", changes);
                return;
        }

        WakeNext(document, delivery, changes, lease.Item.CorrelationId);
    }

    public bool RecordDeadLetter(DocumentRecord document, WorkLease lease, string reason, ChangeSet changes)
    {
        if (lease.Item.Arg("deliveryId") is not { } deliveryId || document.FindDelivery(deliveryId) is null)
        {
            return false;
        }

        DeadLetter(document, deliveryId, lease, reason, changes);
        return true;
    }

    private static bool HasEarlierPending(DocumentRecord document, DeliveryRecord delivery) =>
        document.Deliveries.Exists(d => d.Destination == delivery.Destination && d.CreatedAt < delivery.CreatedAt && d.Status == DeliveryStatus.Pending);

    private void DeadLetter(DocumentRecord document, string deliveryId, WorkLease lease, string reason, ChangeSet changes)
    {
        var delivery = document.FindDelivery(deliveryId)!;
        delivery.Status = DeliveryStatus.DeadLettered;
        delivery.LastError = reason;
        // The work item's ID names the dead letter an operator replays (the console links the delivery to it).
        workflow.Record(document, "DeliveryDeadLettered", Actor.System(lease.Item.CorrelationId), new JsonObject
        {
            ["destination"] = delivery.Destination, ["delivery"] = delivery.Id, ["workId"] = lease.Item.Id, ["reason"] = reason,
        });
        changes.DeadLetterWork = (lease, reason);
        WakeNext(document, delivery, changes, lease.Item.CorrelationId);
    }

    private void WakeNext(DocumentRecord document, DeliveryRecord settled, ChangeSet changes, string? correlationId)
    {
        var next = document.Deliveries
            .Where(d => d.Destination == settled.Destination && d.Parked && d.Status == DeliveryStatus.Pending)
            .MinBy(d => d.CreatedAt);
        if (next is not null)
        {
            next.Parked = false;
            changes.NewWork.Add(workflow.DeliverWork(document, next, correlationId));
        }
    }

    private async Task<WorkOutcome> FinishAsync(DocumentKey key, DocumentRecord? loaded, WorkLease lease, Action<DocumentRecord, ChangeSet> apply, CancellationToken cancellationToken)
    {
        var (result, changes) = await committer.UpdateAsync(key, loaded, document =>
        {
            var changes = new ChangeSet(key.DealerCode);
            if (document?.FindDelivery(lease.Item.Arg("deliveryId")!) is null)
            {
                changes.CompleteWork = lease;
                return changes;
            }

            changes.Document = document;
            apply(document, changes);
            return changes;
        }, cancellationToken);
        return DocumentCommitter.OutcomeOf(result, changes);
    }
}
