namespace Dms.Hub.Storage;

/// <summary>
/// Port: commits the change sets of many documents of one dealer together (new ones from a batch file's intake, or
/// their next steps grouped by <see cref="Workflow.CommitGroup"/>) — as few atomic transactions as the
/// store allows (Table Storage: one partition, ≤ 100 operations, ≤ 4 MiB) instead of one each. Each change set stays
/// all-or-nothing; one whose key exists already (<see cref="CommitResult.KeyConflict"/>) does not stop the others.
/// </summary>
public interface IBulkCommitStore
{
    /// <summary>Commits <paramref name="changes"/> (one dealer; documents added, or replaced under their ETags); one result per change set, in order.</summary>
    Task<IReadOnlyList<CommitResult>> CommitAllAsync(IReadOnlyList<ChangeSet> changes, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="CommitAllAsync(IReadOnlyList{ChangeSet}, CancellationToken)"/>; the new work <paramref name="journaled"/>
    /// picks is recorded in one <see cref="Work.WorkJournal"/> per transaction instead of a row each, where the store
    /// groups change sets (each such item then carries the journal's ID and ETag).
    /// </summary>
    Task<IReadOnlyList<CommitResult>> CommitAllAsync(IReadOnlyList<ChangeSet> changes, Func<Work.WorkItem, bool>? journaled, CancellationToken cancellationToken) =>
        CommitAllAsync(changes, cancellationToken);
}
