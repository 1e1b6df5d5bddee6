using Dms.Hub.Storage;
using Dms.Hub.Work;

namespace Dms.Hub.Workflow;

/// <summary>
/// <see cref="DocumentCommitter.CommitAsync"/> for many new documents of one dealer at once (a batch file's rows):
/// the same derivations before and cache, change signal and dispatch after, around one
/// <see cref="IBulkCommitStore"/> call. The work of every committed document is handed over together
/// (<see cref="InlineWork"/>): what groups when run at once (deliveries, sales rollups) runs before this returns.
/// </summary>
public sealed class DocumentBulkCommitter(IBulkCommitStore store, DocumentCommitter committer, InlineWork work)
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

        IReadOnlyList<CommitResult> results;
        try
        {
            // The work that will run right here after the commit is recorded in one journal per transaction (WorkJournal).
            results = await store.CommitAllAsync(changes, work.MayJournal, cancellationToken);
        }
        catch
        {
            // Some groups may have landed before the failure (or without an answer): their work is not left to the sweep.
            await committer.DispatchDoubtfulAsync([.. changes.SelectMany(c => c.NewWork)]);
            throw;
        }

        var items = new List<WorkItem>();
        for (var i = 0; i < changes.Count; i++)
        {
            if (results[i] == CommitResult.Committed)
            {
                committer.Committed(changes[i]);
                items.AddRange(changes[i].NewWork);
            }
        }

        if (items.Count > 0)
        {
            await work.RunAsync(items, cancellationToken);
        }

        return results;
    }
}
