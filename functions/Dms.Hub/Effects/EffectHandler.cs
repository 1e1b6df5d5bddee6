using System.Text.Json.Nodes;
using Dms.Hub.Intake;
using Dms.Hub.Storage;
using Dms.Hub.Work;
using Dms.Hub.Workflow;

namespace Dms.Hub.Effects;

/// <summary>
/// Runs one cross-document effect, then completes the work item. A reaction (<see cref="Registry.DocumentReaction"/>)
/// finds the target document through the VIN index and fires the trigger on it; a named <see cref="IDocumentEffect"/>
/// brings its projection in line with the source document as it stands now. A crash in between repeats the run: the
/// target recognises the operation, and named effects are idempotent, so either happens once.
/// </summary>
internal sealed class EffectHandler(
    VehicleRegistry vehicles,
    DocumentTriggers triggers,
    DocumentEffects effects,
    IDocumentStore store,
    DocumentCommitter committer) : IWorkHandler
{
    public string Kind => WorkKinds.Effect;

    public async Task<WorkOutcome> HandleAsync(WorkLease lease, CancellationToken cancellationToken)
    {
        var item = lease.Item;
        var done = new ChangeSet(item.DealerCode) { CompleteWork = lease };
        if (item.Arg(DocumentEffects.EffectArgument) is not { } name)
        {
            await ReactAsync(item, cancellationToken);
        }
        else if (effects.Find(name) is { } effect)
        {
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

    private async Task ReactAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var targetType = item.Arg("targetType")!;
        if (await vehicles.FindLinkAsync(item.Arg("vin")!, targetType, cancellationToken) is not { } target)
        {
            return;
        }

        var source = new JsonObject { ["documentType"] = item.DocumentType, ["status"] = item.Arg("sourceStatus") };
        if (target.DealerCode == item.DealerCode)
        {
            // Another dealer's tracking ID is its business: the target only learns what kind of document acted.
            source["trackingId"] = item.TrackingId;
        }

        await triggers.FireAsync(new DocumentKey(target.DealerCode, targetType, target.TrackingId), item.Arg("trigger")!, "effect:" + item.Id,
            Actor.System(item.CorrelationId), new JsonObject { ["source"] = source }, cancellationToken);
    }
}
