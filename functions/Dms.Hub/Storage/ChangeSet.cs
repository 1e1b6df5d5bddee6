using Dms.Hub.Notifications;
using Dms.Hub.Work;
using Dms.Hub.Workflow;

namespace Dms.Hub.Storage;

/// <summary>
/// Everything one step changes in one dealer's partition, committed atomically: the document (under its ETag),
/// the raw payload, remembered keys, mailbox entries, the work it causes and the work it retires.
/// </summary>
public sealed class ChangeSet(string dealerCode)
{
    public string DealerCode { get; } = dealerCode;

    /// <summary>
    /// Names this change in storage, so a commit whose answer was lost (storage applied it, the client timed out and
    /// sent it again, and the resend was refused because the first send had moved the ETags) recognises itself as
    /// committed instead of as a conflict. A change set committed again (a group's member alone) keeps its token.
    /// </summary>
    public string CommitToken { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Inserted when its ETag is null, otherwise replaced only if unchanged since it was read.</summary>
    public DocumentRecord? Document { get; set; }

    public RawPayload? Payload { get; set; }

    public List<IdempotencyEntry> Keys { get; } = [];

    public List<Notification> Notifications { get; } = [];

    /// <summary>Work this step causes; after the commit each item carries its row's ETag.</summary>
    public List<WorkItem> NewWork { get; } = [];

    /// <summary>Set by the commit: the ETag of the document's change-feed marker written with it (the projector completes it without reading it).</summary>
    public string? MarkerETag { get; set; }

    /// <summary>Leased work this step finishes (deleted, under the lease's ETag).</summary>
    public WorkLease? CompleteWork { get; set; }

    /// <summary>More finished work of the partition deleted in the same batch (completions grouped by <see cref="WorkCompletions"/>).</summary>
    public List<WorkLease> AlsoCompleted { get; } = [];

    /// <summary>Nothing but finished work to delete: no document, key, mailbox entry or other work changes.</summary>
    public bool CompletesOnly =>
        CompleteWork is not null && Document is null && Payload is null && Keys.Count == 0 && Notifications.Count == 0 && NewWork.Count == 0
        && RescheduleWork is null && DeferWork is null && DeadLetterWork is null && ReplayedDeadLetter is null && AlsoCompleted.Count == 0;

    /// <summary>Leased work to try again later.</summary>
    public (WorkLease Lease, DateTimeOffset DueAt, string Reason)? RescheduleWork { get; set; }

    /// <summary>
    /// Leased work that was not attempted after all (the destination is being spared): to run after the given time,
    /// with the attempt the lease counted given back.
    /// </summary>
    public (WorkLease Lease, DateTimeOffset DueAt, string Reason)? DeferWork { get; set; }

    /// <summary>Set by the commit: the rescheduled (or deferred) item as now stored (with its ETag), for its next message to carry.</summary>
    public WorkItem? Rescheduled { get; set; }

    /// <summary>Leased work that failed for good.</summary>
    public (WorkLease Lease, string Reason)? DeadLetterWork { get; set; }

    /// <summary>A dead letter being replayed (marked under its ETag; the new work is in <see cref="NewWork"/>).</summary>
    public DeadLetter? ReplayedDeadLetter { get; set; }
}
