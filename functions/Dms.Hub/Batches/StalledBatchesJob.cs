using Dms.Hub.Storage;
using Dms.Hub.Work;
using Dms.Hub.Workflow;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Batches;

/// <summary>
/// Picks up batches that stopped moving: a crash between storing the record and its first work item, or a work
/// chain lost otherwise. It only starts another slice; duplicates are harmless (the record's ETag decides).
/// </summary>
internal sealed class StalledBatchesJob(IBatchStore batches, DocumentCommitter committer, IOptions<BatchOptions> options, TimeProvider clock) : IScheduledJob
{
    public string Name => "stalled-batches";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var stalledBefore = now - TimeSpan.FromSeconds(options.Value.StalledSeconds);
        await foreach (var batch in batches.ListUnfinishedAsync(cancellationToken))
        {
            if (batch.UpdatedAt < stalledBefore)
            {
                var changes = new ChangeSet(batch.DealerCode);
                changes.NewWork.Add(BatchHandler.WorkFor(batch, now, batch.Id));
                await committer.CommitAsync(changes, cancellationToken);
                await batches.TryReplaceAsync(batch with { UpdatedAt = now }, cancellationToken);
            }
        }
    }
}
