using Dms.Hub.Workflow;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Insights;

/// <summary>
/// In-process nudges: the documents this process committed, so its projector reaches them without scanning, each held
/// until its burst of changes is over. A document is due once it has been quiet for
/// <see cref="InsightsOptions.CoalesceMilliseconds"/> (or <see cref="InsightsOptions.MaxDelayMilliseconds"/> after its
/// first waiting change): a vehicle order's dozen OEM events a few hundred milliseconds apart are projected once, not
/// once per event. Only a shortcut — the change feed's marker is in storage either way; when
/// <see cref="MaxPending"/> documents wait, further ones are dropped and the periodic scan finds them.
/// </summary>
public sealed class ChangeSignal(IOptionsMonitor<InsightsOptions> options, TimeProvider clock)
{
    public const int MaxPending = 10_000;

    /// <summary>How recently a projector must have drained the signal for <see cref="Backlog"/> to count.</summary>
    public static readonly TimeSpan DrainedWithin = TimeSpan.FromSeconds(10);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Waiting> _pending = new(StringComparer.Ordinal);
    private DateTimeOffset _drainedAt = DateTimeOffset.MinValue;
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many documents wait for their projection (operators' view: the projector's backlog in this process).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>
    /// The documents waiting, when a projector in this process takes from this signal (it drained it within the last
    /// <see cref="DrainedWithin"/>); otherwise 0 — nobody here would ever bring it down, so nothing should wait for it.
    /// A batch import paces itself on this (<c>BatchOptions.MaxProjectorBacklog</c>): a file outrunning the projector
    /// would fill this signal up to <see cref="MaxPending"/>, after which nudges are dropped and the projector finds
    /// those documents by scanning and reading them (on Azurite, a pass over the whole documents table per shard).
    /// </summary>
    public int Backlog
    {
        get
        {
            lock (_gate)
            {
                return clock.GetUtcNow() - _drainedAt <= DrainedWithin ? _pending.Count : 0;
            }
        }
    }

    public void Changed(ChangeNudge nudge)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (_pending.TryGetValue(nudge.Key.TrackingId, out var seen))
            {
                // Out of order (two steps committed at once): the newest revision is the one to project.
                _pending[nudge.Key.TrackingId] = seen.Nudge.Revision <= nudge.Revision ? seen with { Nudge = nudge, Last = now } : seen with { Last = now };
            }
            else if (_pending.Count < MaxPending)
            {
                _pending[nudge.Key.TrackingId] = new Waiting(nudge, now, now);
            }

            _arrived.TrySetResult();
        }
    }

    /// <summary>Takes the documents whose burst is over, up to <paramref name="max"/> (the newest nudge of each, longest waiting first).</summary>
    public IReadOnlyList<ChangeNudge> Drain(int max)
    {
        var (quiet, longest) = Delays();
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            _drainedAt = now;
            var due = _pending.Values.Where(w => w.Last + quiet <= now || w.First + longest <= now).OrderBy(w => w.First).Take(max).ToList();
            foreach (var waiting in due)
            {
                _pending.Remove(waiting.Nudge.Key.TrackingId);
            }

            return [.. due.Select(w => w.Nudge)];
        }
    }

    /// <summary>Whether a nudge for the document is waiting for its burst to end (a scan leaves it to that nudge).</summary>
    public bool IsWaiting(string trackingId)
    {
        lock (_gate)
        {
            return _pending.ContainsKey(trackingId);
        }
    }

    /// <summary>When the first waiting document comes due, and the first change still waiting (null: nothing waits).</summary>
    public (DateTimeOffset NextDue, DateTimeOffset OldestChange)? Next()
    {
        var (quiet, longest) = Delays();
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return null;
            }

            var next = DateTimeOffset.MaxValue;
            var oldest = DateTimeOffset.MaxValue;
            foreach (var waiting in _pending.Values)
            {
                var due = waiting.Last + quiet < waiting.First + longest ? waiting.Last + quiet : waiting.First + longest;
                next = due < next ? due : next;
                oldest = waiting.First < oldest ? waiting.First : oldest;
            }

            return (next, oldest);
        }
    }

    /// <summary>Completes when a nudge arrives after this call.</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_arrived.Task.IsCompleted)
            {
                _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return _arrived.Task.WaitAsync(cancellationToken);
        }
    }

    private (TimeSpan Quiet, TimeSpan Longest) Delays()
    {
        var settings = options.CurrentValue;
        return (TimeSpan.FromMilliseconds(settings.CoalesceMilliseconds), TimeSpan.FromMilliseconds(Math.Max(settings.CoalesceMilliseconds, settings.MaxDelayMilliseconds)));
    }

    private sealed record Waiting(ChangeNudge Nudge, DateTimeOffset First, DateTimeOffset Last);
}

/// <summary>
/// "This process committed <paramref name="Revision"/> of the document": with the ETag of the change-feed marker that
/// commit wrote, the projector knows the marker without reading it (and completes it under that ETag, which fails
/// harmlessly when the document changed again meanwhile), and with <paramref name="Snapshot"/> (the document as
/// committed, serialized) it builds the document's facts without reading the document.
/// </summary>
public sealed record ChangeNudge(DocumentKey Key, int Revision, string? MarkerETag, byte[]? Snapshot = null);
