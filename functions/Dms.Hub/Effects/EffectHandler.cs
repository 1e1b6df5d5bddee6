using System.Text.Json.Nodes;
using Dms.Hub.Intake;
using Dms.Hub.Storage;
using Dms.Hub.Work;
using Dms.Hub.Workflow;

namespace Dms.Hub.Effects;

/// <summary>
/// Runs one cross-document effect, then completes the work item. A reaction (<see cref="Registry.DocumentReaction"/>)
/// finds the target document through the VIN index and fires the trigger on it — completing the item in the target's
/// own commit when both belong to one dealer (one partition); the link is not checked for liveness, the trigger reads
/// the target anyway and refuses one that is gone or released. A named <see cref="IDocumentEffect"/> brings its
/// projection in line with the source document as it stands now. A crash in between repeats the run: the target
/// recognises the operation, and named effects are idempotent, so either happens once.
/// </summary>
internal sealed class EffectHandler(
    VehicleRegistry vehicles,
    DocumentTriggers triggers,
    DocumentEffects effects,
    IDocumentStore store,
    DocumentCommitter committer) : IWorkHandler
{
    public string Kind => WorkKinds.Effect;

    /// <summary>A named effect is counted apart (<c>effect:sales-rollup</c>): its cost is its projection's, not a reaction's.</summary>
    public string StepOf(WorkItem item) => item.Arg(DocumentEffects.EffectArgument) is { } name ? Kind + ":" + name : Kind;

    public async Task<WorkOutcome> HandleAsync(WorkLease lease, CancellationToken cancellationToken)
    {
        var item = lease.Item;
        var done = new ChangeSet(item.DealerCode) { CompleteWork = lease };
        if (item.Arg(DocumentEffects.EffectArgument) is not { } name)
        {
            if (await ReactAsync(lease, cancellationToken) is { } completed)
            {
                return DocumentCommitter.OutcomeOf(completed, null);
            }
        }
        else if (effects.Find(name) is { } effect)
        {
            // A named effect reads the stored version: a projection must follow what was committed, not a cached copy.
            if (item.DocumentType is { } type && item.TrackingId is { } trackingId
                && await store.GetAsync(item.DealerCode, type, trackingId, cancellationToken) is { } document)
            {
                await effect.ApplyAsync(document, cancellationToken);
            }
        }
        else
        {
            done = new ChangeSet(item.DealerCode) { DeadLetterWork = (lease, $"No document effect named '{name}'.") };
        }

        return DocumentCommitter.OutcomeOf(await committer.CommitAsync(done, cancellationToken), done);
    }

    /// <summary>Fires the reaction's trigger; returns the commit that also completed the item, if the target's did.</summary>
    private async Task<CommitResult?> ReactAsync(WorkLease lease, CancellationToken cancellationToken)
    {
        var item = lease.Item;
        var targetType = item.Arg("targetType")!;
        if (await vehicles.FindLinkAsync(item.Arg("vin")!, targetType, cancellationToken) is not { } target)
        {
            return null;
        }

        var source = new JsonObject { ["documentType"] = item.DocumentType, ["status"] = item.Arg("sourceStatus") };
        var samePartition = target.DealerCode == item.DealerCode;
        if (samePartition)
        {
            // Another dealer's tracking ID is its business: the target only learns what kind of document acted.
            source["trackingId"] = item.TrackingId;
        }

        var (_, commit) = await triggers.FireAsync(new DocumentKey(target.DealerCode, targetType, target.TrackingId), item.Arg("trigger")!, "effect:" + item.Id,
            Actor.System(item.CorrelationId), new JsonObject { ["source"] = source }, samePartition ? lease : null, cancellationToken);
        return samePartition ? commit : null;
    }
}
