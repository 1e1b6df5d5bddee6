namespace Dms.Hub.Work;

/// <summary>Standalone dispatch: committed work goes straight onto the in-process timetable.</summary>
internal sealed class LocalWorkDispatcher(WorkScheduler scheduler) : IWorkDispatcher
{
    public ValueTask DispatchAsync(IReadOnlyList<WorkItem> items, CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            scheduler.Schedule(item.Ref);
        }

        return ValueTask.CompletedTask;
    }
}
