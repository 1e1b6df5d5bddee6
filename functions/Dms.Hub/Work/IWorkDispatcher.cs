namespace Dms.Hub.Work;

/// <summary>
/// Port: hands freshly committed work to whatever runs it — the in-process scheduler standalone, a queue in Azure.
/// Work is durable before dispatch, so a lost dispatch only delays it until the recovery sweep.
/// </summary>
public interface IWorkDispatcher
{
    /// <summary>
    /// Shapes a new item before it is committed. A dispatcher whose runner is in this process may claim it at birth:
    /// count its first attempt and take its lease in the commit that creates it, so the runner need not lease it again.
    /// </summary>
    WorkItem Prepare(WorkItem item) => item;

    ValueTask DispatchAsync(IReadOnlyList<WorkItem> items, CancellationToken cancellationToken);
}
