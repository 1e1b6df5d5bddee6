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

    public static WorkItem WorkFor(BatchRecord batch, DateTimeOffset now, string? correlationId, TimeSpan? after = null) =>
        new(Ids.NewUlid(now), WorkKinds.Batch, batch.DealerCode, batch.DocumentType, batch.Id, new JsonObject(), now, now + (after ?? TimeSpan.Zero), correlationId);

    /// <summary>The dealer was removed (or the format is no longer offered) while the file waited: it fails, visibly.</summary>
    private static BatchRecord Unprocessable(BatchRecord batch, DateTimeOffset now)
    {
        var error = new BatchRowError(0, 0, string.Empty, null, "BATCH_UNPROCESSABLE", "The dealer or the file format is no longer known to the hub.");
        return batch with { Status = BatchStatus.Failed, FileError = error, Errors = batch.Errors + 1, CompletedAt = now };
    }

    public async Task<WorkOutcome> HandleAsync(WorkLease lease, CancellationToken cancellationToken)
    {
        var item = lease.Item;
        var changes = new ChangeSet(item.DealerCode) { CompleteWork = lease };
        var now = clock.GetUtcNow();
        var batch = item.TrackingId is { } id ? await batches.GetAsync(item.DealerCode, id, cancellationToken) : null;
        if (batch is not null && !batch.IsFinished)
        {
            var step = await jobs.ForAsync(batch, cancellationToken) is { } job && phases.FirstOrDefault(p => p.RunsWhile(batch.Status)) is { } phase
                ? await phase.RunSliceAsync(job, cancellationToken)
                : Unprocessable(batch, now);
            if (step.Wait is { } wait)
            {
                // Nothing done this time (the hub is still delivering the previous slice): look again shortly.
                changes.NewWork.Add(WorkFor(batch, now, item.CorrelationId, wait));
            }
            else if (step.Record with { UpdatedAt = clock.GetUtcNow() } is var next && await batches.TryReplaceAsync(next, cancellationToken) && !next.IsFinished)
            {
                changes.NewWork.Add(WorkFor(next, now, item.CorrelationId));
            }
        }

        return DocumentCommitter.OutcomeOf(await committer.CommitAsync(changes, cancellationToken), changes);
    }
}
