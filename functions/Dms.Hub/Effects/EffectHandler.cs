using System.Text.Json.Nodes;
using Dms.Hub.Intake;
using Dms.Hub.Storage;
using Dms.Hub.Work;
using Dms.Hub.Workflow;

namespace Dms.Hub.Effects;

/// <summary>
/// Runs a cross-document effect (<see cref="Registry.DocumentReaction"/>): finds the target document through the VIN
/// index and fires the trigger on it, then completes the work item — in the target's own commit when both belong to
/// one dealer (one partition). A crash in between repeats the run, and the target recognises the operation, so the
/// effect happens once. The link is not checked for liveness: the trigger reads the target anyway and refuses one
/// that is gone or released.
/// </summary>
internal sealed class EffectHandler(VehicleRegistry vehicles, DocumentTriggers triggers, DocumentCommitter committer) : IWorkHandler
{
    public string Kind => WorkKinds.Effect;

    public async Task<WorkOutcome> HandleAsync(WorkLease lease, CancellationToken cancellationToken)
    {
        var item = lease.Item;
        var targetType = item.Arg("targetType")!;
        if (await vehicles.FindLinkAsync(item.Arg("vin")!, targetType, cancellationToken) is { } target)
        {
            var source = new JsonObject { ["documentType"] = item.DocumentType, ["status"] = item.Arg("sourceStatus") };
            if (target.DealerCode == item.DealerCode)
            {
                // Another dealer's tracking ID is its business: the target only learns what kind of document acted.
                source["trackingId"] = item.TrackingId;
            }

            var samePartition = target.DealerCode == item.DealerCode;
            var (_, commit) = await triggers.FireAsync(new DocumentKey(target.DealerCode, targetType, target.TrackingId), item.Arg("trigger")!, "effect:" + item.Id,
                Actor.System(item.CorrelationId), new JsonObject { ["source"] = source }, samePartition ? lease : null, cancellationToken);
            if (samePartition && commit is { } result)
            {
                return DocumentCommitter.OutcomeOf(result, null);
            }
        }

        var done = new ChangeSet(item.DealerCode) { CompleteWork = lease };
        return DocumentCommitter.OutcomeOf(await committer.CommitAsync(done, cancellationToken), done);
    }
}
