using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Storage;
using Dms.Hub.Work;
using Dms.Hub.Workflow;

namespace Dms.Hub.Batches;

/// <summary>
/// Runs one slice of a batch and hands on to a fresh work item for the next (a new item, not a retry, so a file of
/// any length never counts as a poison item). The batch record's ETag keeps runners honest: a slice whose record
/// changed meanwhile (a duplicate runner got there first) stops without a successor.
/// </summary>
internal sealed class BatchHandler(IBatchStore batches, BatchJobs jobs, IEnumerable<IBatchPhase> phases, DocumentCommitter committer, TimeProvider clock) : IWorkHandler
{
    public string Kind => WorkKinds.Batch;

    public static WorkItem WorkFor(BatchRecord batch, DateTimeOffset now, string? correlationId) =>
        new(Ids.NewUlid(now), WorkKinds.Batch, batch.DealerCode, batch.DocumentType, batch.Id, new JsonObject(), now, now, correlationId);

    public async Task<WorkOutcome> HandleAsync(WorkLease lease, CancellationToken cancellationToken)
    {
        var item = lease.Item;
        var changes = new ChangeSet(item.DealerCode) { CompleteWork = lease };
        var now = clock.GetUtcNow();
        var batch = item.TrackingId is { } id ? await batches.GetAsync(item.DealerCode, id, cancellationToken) : null;
        if (batch is not null && !batch.IsFinished && await jobs.ForAsync(batch, cancellationToken) is { } job
            && phases.FirstOrDefault(p => p.RunsWhile(batch.Status)) is { } phase)
        {
            var next = await phase.RunSliceAsync(job, cancellationToken) with { UpdatedAt = clock.GetUtcNow() };
            if (await batches.TryReplaceAsync(next, cancellationToken) && !next.IsFinished)
            {
                changes.NewWork.Add(WorkFor(next, now, item.CorrelationId));
            }
        }

        return DocumentCommitter.OutcomeOf(await committer.CommitAsync(changes, cancellationToken), changes);
    }
}
