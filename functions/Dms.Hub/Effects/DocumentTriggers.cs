using System.Text.Json.Nodes;
using Dms.Hub.Dealers;
using Dms.Hub.Registry;
using Dms.Hub.Storage;
using Dms.Hub.Work;
using Dms.Hub.Workflow;

namespace Dms.Hub.Effects;

public enum TriggerOutcome
{
    Applied,

    /// <summary>This operation was applied before (a repeat): nothing changed.</summary>
    AlreadyApplied,

    /// <summary>The document's status does not allow the trigger: recorded on its timeline, nothing else changed.</summary>
    NotAllowed,

    Missing,
}

/// <summary>
/// Fires a trigger the hub itself decides on (an RDR retails the order of its vehicle) on a stored document, under
/// optimistic concurrency. The operation ID is kept on the timeline entry, so running the same operation again is
/// recognised and has no second effect. A document in a releasing state (cancelled, unwound …) no longer holds its
/// links, so it counts as missing.
/// </summary>
public sealed class DocumentTriggers(DocumentTypeRegistry types, DealerDirectory dealers, DocumentCommitter committer, DocumentWorkflow workflow)
{
    public const string OperationField = "operationId";

    public async Task<TriggerOutcome> FireAsync(DocumentKey key, string trigger, string operationId, Actor actor, JsonObject details, CancellationToken cancellationToken) =>
        (await FireAsync(key, trigger, operationId, actor, details, null, cancellationToken)).Outcome;

    /// <summary>
    /// As <see cref="FireAsync(DocumentKey, string, string, Actor, JsonObject, CancellationToken)"/>, completing
    /// <paramref name="completeWork"/> — the work item that fires the trigger, in the document's partition — in the
    /// commit that records the trigger, so the effect costs no round trip of its own. <c>Commit</c> says how that
    /// commit went; null when nothing was committed (then the work is still the caller's to complete).
    /// </summary>
    public async Task<(TriggerOutcome Outcome, CommitResult? Commit)> FireAsync(
        DocumentKey key, string trigger, string operationId, Actor actor, JsonObject details, WorkLease? completeWork, CancellationToken cancellationToken)
    {
        if (!types.TryGet(key.DocumentType, out var type) || await dealers.GetDealerAsync(key.DealerCode, cancellationToken) is not { } dealer)
        {
            return (TriggerOutcome.Missing, null);
        }

        var outcome = TriggerOutcome.Missing;
        Transition? taken = null;
        var (commit, changes) = await committer.UpdateCachedAsync(key, document =>
        {
            taken = null;
            if (document is null || type.ReleasingStates.Contains(document.Status))
            {
                outcome = TriggerOutcome.Missing;
                return null;
            }

            if (document.Timeline.Exists(e => e.Details?[OperationField] is JsonValue id && id.TryGetValue<string>(out var seen) && seen == operationId))
            {
                outcome = TriggerOutcome.AlreadyApplied;
                return null;
            }

            var changes = new ChangeSet(document.DealerCode) { Document = document, CompleteWork = completeWork };
            var entry = details.DeepClone().AsObject();
            entry[OperationField] = operationId;
            if (type.States.TryFire(document.Status, trigger, out var transition))
            {
                outcome = TriggerOutcome.Applied;
                taken = transition;
                workflow.Apply(changes, document, transition, actor, dealer, entry);
            }
            else
            {
                outcome = TriggerOutcome.NotAllowed;
                entry["status"] = document.Status;
                workflow.Record(document, trigger + "NotApplied", actor, entry);
            }

            return changes;
        }, cancellationToken);

        if (taken is not null && changes?.Document is { } updated)
        {
            await type.AfterTransitionAsync(updated, taken, cancellationToken);
        }

        return (outcome, changes is null ? null : commit);
    }
}
