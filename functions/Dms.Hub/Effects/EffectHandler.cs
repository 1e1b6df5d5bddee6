using System.Text.Json.Nodes;
using Dms.Hub.Intake;
using Dms.Hub.Registry;
using Dms.Hub.Storage;
using Dms.Hub.Work;
using Dms.Hub.Workflow;

namespace Dms.Hub.Effects;

/// <summary>
/// Runs a cross-document effect, then completes the work item. A reaction (<see cref="DocumentReaction"/>) finds the
/// target document through the VIN index and fires the trigger on it — completing the item in the target's own commit
/// when both belong to one dealer (one partition). A named <see cref="IDocumentEffect"/> brings its projection in line
/// with what the change committed when it carries that on the item (<see cref="IDocumentEffect.Carry"/>: the effect
/// orders changes by revision), otherwise with the source document as it stands now (named effects are idempotent). A catch-up item (<see cref="DocumentWorkflow.CatchUp"/>) runs the other way: its own document
/// looks for the sources whose effect it could not take yet. A crash in between repeats the run, and the target
/// recognises the operation, so the effect happens once. The link is not checked for liveness: the trigger reads the
/// target anyway and refuses one that is gone or released.
/// </summary>
internal sealed class EffectHandler(
    DocumentTypeRegistry types, VehicleRegistry vehicles, DocumentTriggers triggers, DocumentEffects effects, DocumentCommitter committer, IDocumentStore documents,
    TimeProvider clock)
    : IWorkHandler
{
    /// <summary>How long a catch-up waits before it looks again at a source whose intake was under way.</summary>
    public static readonly TimeSpan PendingSourceRetry = TimeSpan.FromSeconds(5);

    public string Kind => WorkKinds.Effect;

    /// <summary>
    /// A named effect carrying what its change committed (the sales rollup): many at once fold into one write per
    /// rollup shard, so a batch file's rows run theirs together, all at once (no outside call to spare).
    /// </summary>
    public int RunsTogether(WorkItem item, int concurrency) =>
        item.Arg(DocumentEffects.EffectArgument) is not null && item.Arg(DocumentEffects.CarriedArgument) is not null ? int.MaxValue : 0;

    /// <summary>A named effect is counted apart (<c>effect:sales-rollup</c>): its cost is its projection's, not a reaction's.</summary>
    public string StepOf(WorkItem item) => item.Arg(DocumentEffects.EffectArgument) is { } name ? Kind + ":" + name : Kind;

    public async Task<WorkOutcome> HandleAsync(WorkLease lease, CancellationToken cancellationToken)
    {
        var item = lease.Item;
        var done = new ChangeSet(item.DealerCode) { CompleteWork = lease };
        if (item.Arg(DocumentEffects.EffectArgument) is { } name)
        {
            if (effects.Find(name) is not { } effect)
            {
                done = new ChangeSet(item.DealerCode) { DeadLetterWork = (lease, $"No document effect named '{name}'.") };
            }
            else if (item.Arg(DocumentEffects.CarriedArgument) is { } carried && item.TrackingId is { } id)
            {
                // What the change committed travels on the item: the effect needs no read of the document.
                await effect.ApplyCarriedAsync(item.DealerCode, id, carried, cancellationToken);
            }
            else if (item.DocumentType is { } type && item.TrackingId is { } trackingId
                && await documents.GetAsync(item.DealerCode, type, trackingId, cancellationToken) is { } document)
            {
                // A named effect reads the stored version: a projection must follow what was committed, not a cached copy.
                await effect.ApplyAsync(document, cancellationToken);
            }
        }
        else if (item.Arg(DocumentWorkflow.CatchUpArg) is not null && await CatchUpAsync(item, cancellationToken))
        {
            // A source was still being stored (its intake found no target and left its reaction out): look again, a
            // deferral rather than an attempt (a failed intake's reservation lapses after its grace; nothing failed here).
            done = new ChangeSet(item.DealerCode) { DeferWork = (lease, clock.GetUtcNow() + PendingSourceRetry, "a source document's intake is under way") };
        }
        else if (await vehicles.FindLinkAsync(item.Arg("vin")!, item.Arg("targetType")!, cancellationToken) is { } target)
        {
            var samePartition = target.DealerCode == item.DealerCode;
            var (_, commit) = await triggers.FireAsync(Key(target), item.Arg("trigger")!, "effect:" + item.Id, Actor.System(item.CorrelationId),
                Source(target, new VehicleLink(item.DealerCode, item.DocumentType!, item.TrackingId!), item.Arg("sourceStatus")), samePartition ? lease : null, cancellationToken);
            if (samePartition && commit is { } result)
            {
                return DocumentCommitter.OutcomeOf(result, null);
            }
        }

        return DocumentCommitter.OutcomeOf(await committer.CommitAsync(done, cancellationToken), done);
    }

    /// <summary>
    /// Fires, on the item's own document, each reaction whose source is already in the status it reacts to; true when a
    /// source's intake was still under way (it is to be looked at again).
    /// </summary>
    private async Task<bool> CatchUpAsync(WorkItem item, CancellationToken cancellationToken)
    {
        if (!types.TryGet(item.DocumentType!, out var type)
            || await documents.GetAsync(item.DealerCode, type.Name, item.TrackingId!, cancellationToken) is not { } current)
        {
            return false;
        }

        var target = new VehicleLink(item.DealerCode, type.Name, item.TrackingId!);
        var pending = false;
        foreach (var group in type.Reactions.GroupBy(r => r.SourceType))
        {
            var (sources, underWay) = await vehicles.SourcesOfTypeAsync(item.Arg("vin")!, group.Key, types.TryGet(group.Key, out var source) ? source.VinKey : null, cancellationToken);
            pending |= underWay;
            foreach (var link in sources)
            {
                var status = (await documents.GetAsync(link.DealerCode, link.DocumentType, link.TrackingId, cancellationToken))?.Status;

                // Only a trigger the document can take now: an effect that reached it the ordinary way is not repeated.
                if (group.FirstOrDefault(r => r.SourceStatus == status) is { } reaction && type.States.TryFire(current.Status, reaction.Trigger, out _))
                {
                    await triggers.FireAsync(Key(target), reaction.Trigger, $"effect:{item.Id}:{link.TrackingId}", Actor.System(item.CorrelationId),
                        Source(target, link, status), cancellationToken);
                }
            }
        }

        return pending;
    }

    private static DocumentKey Key(VehicleLink target) => new(target.DealerCode, target.DocumentType, target.TrackingId);

    private static JsonObject Source(VehicleLink target, VehicleLink source, string? status)
    {
        var about = new JsonObject { ["documentType"] = source.DocumentType, ["status"] = status };
        if (target.DealerCode == source.DealerCode)
        {
            // Another dealer's tracking ID is its business: the target only learns what kind of document acted.
            about["trackingId"] = source.TrackingId;
        }

        return new JsonObject { ["source"] = about };
    }
}
