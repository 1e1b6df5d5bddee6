namespace Dms.Hub.Work;

/// <summary>
/// The standalone host's in-memory timetable of work, ordered by due time. Storage stays the source of truth: the
/// scheduler only decides when to try, so it can be lost (a crash) and rebuilt by the recovery sweep. It never
/// polls storage, which keeps a deep backlog cheap (an Azurite range query costs O(table size)).
/// </summary>
public sealed class WorkScheduler(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly PriorityQueue<WorkRef, DateTimeOffset> _queue = new();
    private readonly Dictionary<string, DateTimeOffset> _due = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _due.Count;
            }
        }
    }

    public bool Contains(string workId)
    {
        lock (_gate)
        {
            return _due.ContainsKey(workId);
        }
    }

    /// <summary>Adds an item, or moves it earlier if it is already scheduled later.</summary>
    public void Schedule(WorkRef work)
    {
        TaskCompletionSource wake;
        lock (_gate)
        {
            if (_due.TryGetValue(work.Id, out var existing) && existing <= work.DueAt)
            {
                return;
            }

            _due[work.Id] = work.DueAt;
            _queue.Enqueue(work, work.DueAt);
            wake = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        wake.TrySetResult();
    }

    /// <summary>Waits for the next item that is due and removes it.</summary>
    public async Task<WorkRef> TakeNextDueAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            TimeSpan wait;
            lock (_gate)
            {
                if (TryTakeDue(out var work, out wait))
                {
                    return work;
                }

                changed = _changed.Task;
            }

            using var delayCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = wait == Timeout.InfiniteTimeSpan ? Task.Delay(Timeout.Infinite, delayCancel.Token) : Task.Delay(wait, clock, delayCancel.Token);
            await Task.WhenAny(changed, delay);
            await delayCancel.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private bool TryTakeDue(out WorkRef work, out TimeSpan wait)
    {
        var now = clock.GetUtcNow();
        while (_queue.TryPeek(out work!, out var due))
        {
            if (!_due.TryGetValue(work.Id, out var current) || current != due)
            {
                _queue.Dequeue();
                continue;
            }

            if (due <= now)
            {
                _queue.Dequeue();
                _due.Remove(work.Id);
                wait = TimeSpan.Zero;
                return true;
            }

            wait = due - now;
            return false;
        }

        wait = Timeout.InfiniteTimeSpan;
        return false;
    }
}
