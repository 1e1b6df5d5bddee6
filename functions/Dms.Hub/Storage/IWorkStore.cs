using Dms.Hub.Work;

namespace Dms.Hub.Storage;

/// <summary>Port: pending work and dead letters, stored beside the documents they belong to.</summary>
public interface IWorkStore
{
    /// <summary>
    /// Claims a work item: counts the attempt and sets the lease under the item's ETag. No lease when the item is
    /// gone (done), held by another runner or (<see cref="LeaseMode.WhenDue"/>) not due yet; then
    /// <see cref="LeaseAttempt.BusyUntil"/> says until when.
    /// </summary>
    Task<LeaseAttempt> TryLeaseAsync(WorkRef work, DateTimeOffset now, TimeSpan duration, LeaseMode mode, CancellationToken cancellationToken);

    /// <summary>Every pending item (leased or not): the recovery sweep's input.</summary>
    IAsyncEnumerable<WorkItem> ScanPendingAsync(CancellationToken cancellationToken) => ScanPendingAsync(0, 1, cancellationToken);

    /// <summary>The pending items of one of <paramref name="slices"/> parts of the store (each item is in exactly one).</summary>
    IAsyncEnumerable<WorkItem> ScanPendingAsync(int slice, int slices, CancellationToken cancellationToken);

    /// <summary>
    /// How many items are due by <paramref name="now"/> and still pending in the partition of
    /// <paramref name="dealerCode"/> (counted up to <paramref name="atMost"/>): the backlog a batch import paces itself on.
    /// </summary>
    Task<int> CountDueAsync(string dealerCode, DateTimeOffset now, int atMost, CancellationToken cancellationToken);

    Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(CancellationToken cancellationToken);

    Task<DeadLetter?> GetDeadLetterAsync(string dealerCode, string workId, CancellationToken cancellationToken);
}
