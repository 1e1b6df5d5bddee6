namespace Dms.Hub.Work;

/// <summary>
/// Port: hands freshly committed work to whatever runs it — the in-process scheduler standalone, a queue in Azure.
/// Work is durable before dispatch, so a lost dispatch only delays it until the recovery sweep.
/// </summary>
public interface IWorkDispatcher
{
    ValueTask DispatchAsync(IReadOnlyList<WorkItem> items, CancellationToken cancellationToken);
}
