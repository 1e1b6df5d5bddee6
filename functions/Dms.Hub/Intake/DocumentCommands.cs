using Dms.Hub.Common;
using Dms.Hub.Operations;
using Dms.Hub.Registry;
using Dms.Hub.Storage;
using Dms.Hub.Validation;
using Dms.Hub.Workflow;

namespace Dms.Hub.Intake;

/// <summary>
/// Runs dealer commands (cancel, resubmit, appeal, unwind …) against the dealer's own documents. Every command is
/// idempotent on its request key (REST Idempotency-Key, SOAP commandId): the same key and content get the original
/// answer, marked replayed; the same key with other content a conflict.
/// </summary>
public sealed class DocumentCommands(
    DocumentCommitter committer,
    Reservations reservations,
    Idempotency idempotency,
    SchemaCatalog schemas,
    DocumentWorkflow workflow,
    StorageTraffic traffic)
{
    public async Task<IntakeResult> ExecuteAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        using var step = traffic.Step(request.Type.Name, "command:" + request.Command);
        var result = await ExecuteCoreAsync(request, cancellationToken);
        step.Name += ":" + DocumentIntake.Outcome(result);
        return result;
    }

    private async Task<IntakeResult> ExecuteCoreAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var (type, dealer) = (request.Type, request.Dealer);
        var command = type.Commands.FirstOrDefault(c => c.Name == request.Command);
        if (command is null || !TrackingIds.TryParse(request.TrackingId, out var owner) || owner != dealer.Code)
        {
            return IntakeResult.NotFound;
        }

        if (!ValidJson.TryRead(schemas, request.Body, command.SchemaName, out var node, out var failure))
        {
            return failure;
        }

        var hash = Idempotency.Hash("command", command.Name, request.TrackingId, node.ToJsonString());
        RequestKey[] keys = request.IdempotencyKey is { } k ? [RequestKey.ForIdempotencyKey(k)] : [];
        IntakeResult? answer = null;
        Transition? taken = null;
        IReadOnlyList<Reservation> released = [];
        var key = new DocumentKey(dealer.Code, type.Name, request.TrackingId);
        var (commit, changes) = await committer.UpdateCachedAsync(key, async document =>
        {
            answer = null;
            if (document is null)
            {
                answer = IntakeResult.NotFound;
                return null;
            }

            var holder = new ReservationHolder(dealer.Code, type.Name, document.DocumentNumber);
            var plan = await command.PlanAsync(document, node, new RuleContext(dealer, workflow.Now, holder, IsResubmission: true), cancellationToken);
            if (plan.Errors.Count > 0)
            {
                answer = IntakeResult.Invalid(plan.Errors);
                return null;
            }

            if (!type.States.TryFire(document.Status, plan.Trigger, out var transition))
            {
                answer = IntakeResult.NotAllowed(document.TrackingId, document.Status, command.Name, DocumentAction.For(type, document.TrackingId, document.Status));
                return null;
            }

            if (plan.Reservations is { Count: > 0 } && await reservations.ReserveAsync(plan.Reservations, holder, cancellationToken) is { Count: > 0 } conflicts)
            {
                answer = IntakeResult.Invalid(conflicts);
                return null;
            }

            taken = transition;
            released = plan.Releases ?? [];

            // A unit given back here is no longer the document's: a later release lists the pool (a unit claimed anew
            // in the same pool is another row).
            foreach (var release in released)
            {
                document.Units.Remove(release.Scope);
            }

            return Plan(request, document, transition, plan, keys, hash);
        }, cancellationToken);

        // Keys are read only after a refusal or a key conflict, and after the document: an identical command that
        // committed first (its key and its change are one commit) is then always seen, so a retry is answered as a
        // replay, never as NotAllowed by the state that command itself produced. A new command reads no key.
        if (answer is not null)
        {
            return keys.Length > 0 && answer.Kind != IntakeResultKind.NotFound && await idempotency.FindAsync(dealer.Code, keys, hash, cancellationToken) is { } earlier
                ? earlier
                : answer;
        }

        if (commit == CommitResult.KeyConflict)
        {
            return await idempotency.FindAsync(dealer.Code, keys, hash, cancellationToken) ?? IntakeResult.NotFound;
        }

        var updated = changes!.Document!;
        var holder = new ReservationHolder(dealer.Code, type.Name, updated.DocumentNumber);
        await reservations.ReleaseAsync(released, holder, cancellationToken);
        if (type.ReleasingStates.Contains(updated.Status) && !type.ReleasingStates.Contains(taken!.From))
        {
            // Cancelled or unwound by the dealer: what the document holds by key (an RDR's retail of its VIN, a claim's
            // keys) is given back before the answer, so the dealer's next document sees it free — a claim on the unwound
            // vehicle refused, its new RDR accepted. Left to the ReservationRelease effect alone, a claim sent right after
            // the answer could still meet the retail (seen: CommandTests, session 16). That effect, committed with the
            // change, still gives back the pool units and whatever a crash here left; it finds these rows gone.
            await reservations.ReleaseAsync(type.ReservationsHeld(updated).Where(r => r.Capacity is null), holder, cancellationToken);
        }

        await type.AfterTransitionAsync(updated, taken!, cancellationToken);

        return IntakeResult.Accepted(updated.TrackingId, updated.Status);
    }

    private ChangeSet Plan(CommandRequest request, DocumentRecord document, Transition transition, CommandPlan plan, IReadOnlyList<RequestKey> keys, string hash)
    {
        var changes = new ChangeSet(document.DealerCode) { Document = document };
        if (plan.Replacement is { } replacement)
        {
            document.ContentVersion++;
            document.Body = replacement.Body;
            changes.Payload = new RawPayload(document.TrackingId, document.ContentVersion, request.Actor.Channel,
                request.Received?.ContentType ?? "application/json", request.Received?.Content ?? request.Body, workflow.Now);
        }

        plan.Apply?.Invoke(document);
        var details = plan.Details ?? [];
        details["command"] = request.Command;
        details["contentVersion"] = document.ContentVersion;
        workflow.Apply(changes, document, transition, request.Actor, request.Dealer, details);
        changes.Keys.AddRange(keys.Select(k => idempotency.Remember(document.DealerCode, k.KeyId, hash, document.TrackingId, document.Status)));
        return changes;
    }
}
