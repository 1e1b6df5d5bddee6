using Dms.Hub.Work;

namespace Dms.Hub.Storage;

/// <summary>Port: pending work and dead letters, stored beside the documents they belong to.</summary>
public interface IWorkStore
{
    /// <summary>
    /// Claims a work item: counts the attempt and sets the lease under the item's ETag. No lease when the item is
    /// gone (done) or held by another runner (then <see cref="LeaseAttempt.BusyUntil"/> says until when).
    /// </summary>
    Task<LeaseAttempt> TryLeaseAsync(WorkRef work, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Every pending item (leased or not): the recovery sweep's input.</summary>
    IAsyncEnumerable<WorkItem> ScanPendingAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(CancellationToken cancellationToken);

    Task<DeadLetter?> GetDeadLetterAsync(string dealerCode, string workId, CancellationToken cancellationToken);
}
