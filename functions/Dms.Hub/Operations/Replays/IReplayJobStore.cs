namespace Dms.Hub.Operations.Replays;

/// <summary>Port: replay jobs, their items (in the job's own partition) and the lease of whoever runs a job.</summary>
public interface IReplayJobStore
{
    /// <summary>Stores the items, then the job: a job that can be read always has all its items.</summary>
    Task CreateAsync(ReplayJob job, IReadOnlyList<ReplayItem> items, CancellationToken cancellationToken);

    Task<ReplayJob?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<ReplayJob>> ListAsync(int max, CancellationToken cancellationToken);

    /// <summary>IDs of jobs not yet completed or cancelled, oldest first.</summary>
    Task<IReadOnlyList<string>> ActiveAsync(CancellationToken cancellationToken);

    /// <summary>Items with sequence ≥ <paramref name="fromSequence"/>, in order.</summary>
    Task<IReadOnlyList<ReplayItem>> ItemsAsync(string jobId, int fromSequence, int max, CancellationToken cancellationToken);

    Task SaveItemsAsync(IReadOnlyList<ReplayItem> items, CancellationToken cancellationToken);

    /// <summary>Replaces the job under its ETag; false when it changed meanwhile (a cancel request).</summary>
    Task<bool> TrySaveAsync(ReplayJob job, CancellationToken cancellationToken);

    Task<bool> TryLeaseAsync(string jobId, string owner, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken);
}
