using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Dealers;
using Dms.Hub.OemCodes;
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
    OemCodeTranslator codes,
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
        var hash = Idempotency.Hash("oem-event", request.TrackingId, oemEvent.ToJsonString());
        RequestKey[] keys = request.IdempotencyKey is { } k
            ? [new RequestKey(IdempotencyEntry.ForIdempotencyKey("oem", k), Idempotency.KeyReused, "This Idempotency-Key was used for a different event.")]
            : [];

        if (codes.Translate(type, oemEvent) is { Count: > 0 } codeErrors)
        {
            return IntakeResult.Invalid(codeErrors);
        }

        step.Name = "oem-event:" + oemEvent["type"]!.GetValue<string>();

        // The key is not read up front: a new event needs none and the commit refuses a key that exists. A refusal
        // may be a retry of an event that was applied (the document has moved on since): then the original answer.
        IntakeResult? answer = null;
        Transition? taken = null;
        var key = new DocumentKey(dealerCode, type.Name, request.TrackingId);
        var (commit, changes) = await committer.UpdateCachedAsync(key, async document =>
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

            Transition? transition = null;
            if (plan.RecordAs is null && !type.States.TryFire(document.Status, plan.Trigger, out transition))
            {
                answer = IntakeResult.Illegal(document.TrackingId, document.Status, plan.Trigger, type.States.TriggersFrom(document.Status));
                return null;
            }

            var holder = new ReservationHolder(dealerCode, type.Name, document.DocumentNumber);
            if (plan.Reservations.Count > 0 && await reservations.ReserveAsync(plan.Reservations, holder, cancellationToken) is { Count: > 0 } conflicts)
            {
                answer = IntakeResult.Invalid(conflicts);
                return null;
            }

            taken = transition;
            var knewVin = type.VinOf(document) is not null;
            var planned = Plan(document, plan, transition, request.Actor, dealer, oemEvent, keys, hash);
            if (!knewVin)
            {
                // The event told the VIN: effects other documents about that vehicle already caused are due now.
                workflow.CatchUp(planned, document, previousStatus: null, request.Actor.CorrelationId);
            }

            return planned;
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

        // What a rejection or cancellation gives back is an effect committed with it (ReservationRelease), not a write here.
        var updated = changes!.Document!;
        if (taken is not null)
        {
            await type.AfterTransitionAsync(updated, taken, cancellationToken);
        }

        return IntakeResult.Accepted(updated.TrackingId, updated.Status);
    }

    /// <summary>The change an event makes: a transition, or (no transition) a timeline entry, told to the dealer when it matters.</summary>
    private ChangeSet Plan(DocumentRecord document, OemEventPlan plan, Transition? transition, Actor actor, Dealer dealer, JsonObject oemEvent, IReadOnlyList<RequestKey> keys, string hash)
    {
        var changes = new ChangeSet(document.DealerCode) { Document = document };
        plan.Apply?.Invoke(document);
        if (!plan.Late)
        {
            OemCodeTranslator.Remember(document, oemEvent, workflow.Now);
        }

        var details = oemEvent.DeepClone().AsObject();
        if (transition is not null)
        {
            workflow.Apply(changes, document, transition, actor, dealer, details);
        }
        else
        {
            workflow.Record(document, plan.RecordAs!, actor, details);
            if (plan.NotifyDealer)
            {
                workflow.Notify(changes, document, document.Status, plan.RecordAs!, dealer, actor.CorrelationId);
            }
        }

        changes.Keys.AddRange(keys.Select(k => idempotency.Remember(document.DealerCode, k.KeyId, hash, document.TrackingId, document.Status)));
        return changes;
    }
}
