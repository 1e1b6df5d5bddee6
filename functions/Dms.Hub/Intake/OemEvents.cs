using Dms.Hub.Common;
using Dms.Hub.Dealers;
using Dms.Hub.Operations;
using Dms.Hub.Registry;
using Dms.Hub.Storage;
using Dms.Hub.Validation;
using Dms.Hub.Workflow;

namespace Dms.Hub.Intake;

/// <summary>Applies the OEM's events (decisions, payments, unwind answers) to documents under optimistic concurrency.</summary>
public sealed class OemEvents(
    DocumentCommitter committer,
    Reservations reservations,
    Idempotency idempotency,
    DealerDirectory dealers,
    SchemaCatalog schemas,
    DocumentWorkflow workflow,
    StorageTraffic traffic)
{
    public async Task<IntakeResult> ApplyAsync(OemEventRequest request, CancellationToken cancellationToken)
    {
        using var step = traffic.Step(request.Type.Name, "oem-event");
        var result = await ApplyCoreAsync(request, step, cancellationToken);
        step.Name = result switch
        {
            { Kind: IntakeResultKind.Accepted, Replayed: false } => step.Name,
            { Replayed: true } => "oem-event-replayed",
            _ => "oem-event-refused:" + result.Kind,
        };
        return result;
    }

    private async Task<IntakeResult> ApplyCoreAsync(OemEventRequest request, StorageTraffic.StepScope step, CancellationToken cancellationToken)
    {
        var type = request.Type;
        if (type.EventSchemaName is null || !TrackingIds.TryParse(request.TrackingId, out var dealerCode)
            || await dealers.GetDealerAsync(dealerCode, cancellationToken) is not { } dealer)
        {
            return IntakeResult.NotFound;
        }

        if (!ValidJson.TryRead(schemas, request.Body, type.EventSchemaName, out var node, out var failure))
        {
            return failure;
        }

        var oemEvent = node.AsObject();
        step.Name = "oem-event:" + (oemEvent["type"]?.GetValue<string>() ?? "?");
        var hash = Idempotency.Hash("oem-event", request.TrackingId, oemEvent.ToJsonString());
        RequestKey[] keys = request.IdempotencyKey is { } k
            ? [new RequestKey(IdempotencyEntry.ForIdempotencyKey("oem", k), Idempotency.KeyReused, "This Idempotency-Key was used for a different event.")]
            : [];
        // The key is not read up front: a new event needs none and the commit refuses a key that exists. A refusal
        // may be a retry of an event that was applied (the document has moved on since): then the original answer.
        IntakeResult? answer = null;
        Transition? taken = null;
        var key = new DocumentKey(dealerCode, type.Name, request.TrackingId);
        var (commit, changes) = await committer.UpdateCachedAsync(key, document =>
        {
            answer = null;
            if (document is null)
            {
                answer = IntakeResult.NotFound;
                return null;
            }

            var plan = type.PlanOemEvent(document, oemEvent);
            if (plan.Errors.Count > 0)
            {
                answer = IntakeResult.Invalid(plan.Errors);
                return null;
            }

            if (!type.States.TryFire(document.Status, plan.Trigger, out var transition))
            {
                answer = IntakeResult.Illegal(document.TrackingId, document.Status, plan.Trigger, type.States.TriggersFrom(document.Status));
                return null;
            }

            taken = transition;
            var changes = new ChangeSet(dealerCode) { Document = document };
            plan.Apply?.Invoke(document);
            workflow.Apply(changes, document, transition, request.Actor, dealer, oemEvent.DeepClone().AsObject());
            changes.Keys.AddRange(keys.Select(k => idempotency.Remember(dealerCode, k.KeyId, hash, document.TrackingId, document.Status)));
            return changes;
        }, cancellationToken);

        if (answer is not null)
        {
            return keys.Length > 0 && answer.Kind != IntakeResultKind.NotFound && await idempotency.FindAsync(dealerCode, keys, hash, cancellationToken) is { } earlier
                ? earlier
                : answer;
        }

        if (commit == CommitResult.KeyConflict)
        {
            return await idempotency.FindAsync(dealerCode, keys, hash, cancellationToken) ?? IntakeResult.NotFound;
        }

        var updated = changes!.Document!;
        await reservations.ReleaseIfDoneAsync(type, updated, cancellationToken);
        await type.AfterTransitionAsync(updated, taken!, cancellationToken);
        return IntakeResult.Accepted(updated.TrackingId, updated.Status);
    }
}
