namespace Dms.Hub.Work;

/// <summary>
/// Port: handles one kind of work item. Host-agnostic: the local loop and an Azure Functions trigger call it the
/// same way. A handler commits its own effects together with the lease's completion, reschedule or dead letter.
/// </summary>
public interface IWorkHandler
{
    string Kind { get; }

    Task<WorkOutcome> HandleAsync(WorkLease lease, CancellationToken cancellationToken);

    /// <summary>
    /// How long to wait before running <paramref name="item"/> (as its message carried it) because it could not
    /// proceed now — its destination's circuit is open. The runner then neither leases it nor counts an attempt.
    /// </summary>
    TimeSpan? DeferFor(WorkItem item) => null;

    /// <summary>
    /// How many items like <paramref name="item"/> may run at once right after their commit, together with the others
    /// of a batch file's slice (<see cref="InlineWork"/>); 0: never (they go through the transport). For steps whose
    /// storage writes group when many run at once. <paramref name="concurrency"/> is what the local loop runs of one
    /// kind at once (what a destination's limits are sized for).
    /// </summary>
    int RunsTogether(WorkItem item, int concurrency) => 0;

    /// <summary>
    /// True for work that exists only where this process claims work at birth (the embedded transport with the local
    /// loop: <see cref="WorkJournal"/>): no durable queue ever carries it, so the Functions host has no queue and no
    /// function for it (<c>infra/main.bicep</c>'s <c>workKinds</c>, the function folders).
    /// </summary>
    bool LocalOnly => false;

    /// <summary>The lifecycle step a run is counted under (storage round trips per step); the kind unless a handler runs several.</summary>
    string StepOf(WorkItem item) => Kind;

    /// <summary>
    /// Shows on the work's <paramref name="document"/> that the work was dead-lettered (by the poison guard, the
    /// transport or the handler itself), in <paramref name="changes"/>; false leaves it to a generic timeline entry.
    /// </summary>
    bool RecordDeadLetter(Workflow.DocumentRecord document, WorkLease lease, string reason, Storage.ChangeSet changes) => false;
}
