namespace Dms.Hub.Work;

/// <summary>
/// An in-memory timetable of work messages, one entry per work item, ordered by due time: the embedded transport's
/// queue. Storage stays the source of truth: the timetable only decides when to try, so it can be lost (a crash) and
/// rebuilt by the recovery sweep. It never polls storage, which keeps a deep backlog cheap (an Azurite range query
/// costs O(table size)).
/// </summary>
public sealed class WorkScheduler(TimeProvider clock)
{
    /// <summary>
    /// The longest single wait: a timer cannot wait more than ≈ 49.7 days (Task.Delay throws beyond), and an item may be
    /// due much later (the demo parks its dead letters' work a year ahead). Waking once an hour to look again is free.
    /// </summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromHours(1);

    private readonly Lock _gate = new();
    private readonly PriorityQueue<WorkMessage, DateTimeOffset> _queue = new();
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

    /// <summary>Messages due by <paramref name="now"/>, counted up to <paramref name="atMost"/>.</summary>
    public int CountDue(DateTimeOffset now, int atMost)
    {
        lock (_gate)
        {
            var count = 0;
            foreach (var due in _due.Values)
            {
                if (due <= now && ++count >= atMost)
                {
                    break;
                }
            }

            return count;
        }
    }

    public bool Contains(string workId)
    {
        lock (_gate)
        {
            return _due.ContainsKey(workId);
        }
    }

    /// <summary>Adds a message, or moves its item earlier if it is already scheduled later.</summary>
    public void Schedule(WorkMessage work)
    {
        TaskCompletionSource wake;
        lock (_gate)
        {
            if (_due.TryGetValue(work.WorkId, out var existing) && existing <= work.NotBefore)
            {
                return;
            }

            _due[work.WorkId] = work.NotBefore;
            _queue.Enqueue(work, work.NotBefore);
            wake = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        wake.TrySetResult();
    }

    /// <summary>Waits for the next message that is due and removes it.</summary>
    public async Task<WorkMessage> TakeNextDueAsync(CancellationToken cancellationToken)
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

    /// <summary>Removes the next message if it is due now, without waiting.</summary>
    public bool TryTakeDue(out WorkMessage work)
    {
        lock (_gate)
        {
            return TryTakeDue(out work, out _);
        }
    }

    private bool TryTakeDue(out WorkMessage work, out TimeSpan wait)
    {
        var now = clock.GetUtcNow();
        while (_queue.TryPeek(out work!, out var due))
        {
            if (!_due.TryGetValue(work.WorkId, out var current) || current != due)
            {
                _queue.Dequeue();
                continue;
            }

            if (due <= now)
            {
                _queue.Dequeue();
                _due.Remove(work.WorkId);
                wait = TimeSpan.Zero;
                return true;
            }

            wait = due - now < MaxWait ? due - now : MaxWait;
            return false;
        }

        wait = Timeout.InfiniteTimeSpan;
        return false;
    }
}
