namespace Dms.Hub.Work;

/// <summary>
/// Port: handles one kind of work item. Host-agnostic: the local loop and an Azure Functions trigger call it the
/// same way. A handler commits its own effects together with the lease's completion, reschedule or dead letter.
/// </summary>
public interface IWorkHandler
{
    string Kind { get; }

    Task<WorkOutcome> HandleAsync(WorkLease lease, CancellationToken cancellationToken);
}
