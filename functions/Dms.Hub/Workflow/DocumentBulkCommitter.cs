using Dms.Hub.Storage;
using Dms.Hub.Work;

namespace Dms.Hub.Workflow;

/// <summary>
/// <see cref="DocumentCommitter.CommitAsync"/> for many new documents of one dealer at once (a batch file's rows):
/// the same derivations before and cache, change signal and dispatch after, around one
/// <see cref="IBulkCommitStore"/> call; the work of every committed document is dispatched together.
/// </summary>
public sealed class DocumentBulkCommitter(IBulkCommitStore store, DocumentCommitter committer, IWorkDispatcher dispatcher)
{
    public async Task<IReadOnlyList<CommitResult>> CommitAsync(IReadOnlyList<ChangeSet> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            return [];
        }

        foreach (var change in changes)
        {
            committer.Prepare(change);
        }

        var results = await store.CommitAllAsync(changes, cancellationToken);
        var work = new List<WorkItem>();
        for (var i = 0; i < changes.Count; i++)
        {
            if (results[i] == CommitResult.Committed)
            {
                committer.Committed(changes[i]);
                work.AddRange(changes[i].NewWork);
            }
        }

        if (work.Count > 0)
        {
            await dispatcher.DispatchAsync(work, cancellationToken);
        }

        return results;
    }
}
