using System.Collections.Concurrent;

namespace Dms.Hub.Work;

/// <summary>
/// The standalone transport: one in-memory <see cref="WorkScheduler"/> per work kind. Not durable — a restart loses
/// the timetable, and the recovery sweep refills it from storage. A message for an item that is already queued or in
/// flight is absorbed (the earlier due time wins), so the sweep may offer everything it finds.
/// </summary>
public sealed class EmbeddedWorkTransport(TimeProvider clock) : IWorkTransport
{
    public const string TransportName = "embedded";
    private readonly ConcurrentDictionary<string, WorkScheduler> _kinds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _inFlight = new(StringComparer.Ordinal);

    public string Name => TransportName;

    public bool IsDurable => false;

    /// <summary>Messages waiting, across kinds.</summary>
    public int Count => _kinds.Values.Sum(s => s.Count);

    /// <summary>Messages due by <paramref name="now"/> across kinds, counted in memory up to <paramref name="atMost"/>.</summary>
    public int? CountDue(DateTimeOffset now, int atMost)
    {
        var count = 0;
        foreach (var queue in _kinds.Values)
        {
            if ((count += queue.CountDue(now, atMost - count)) >= atMost)
            {
                break;
            }
        }

        return count;
    }

    public Task SendAsync(IReadOnlyList<WorkMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            if (!_inFlight.ContainsKey(message.WorkId))
            {
                Queue(message.Kind).Schedule(message);
            }
        }

        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<ReceivedWork>> ReceiveAsync(string kind, int maxMessages, CancellationToken cancellationToken)
    {
        var queue = Queue(kind);
        var batch = new List<ReceivedWork> { Hold(await queue.TakeNextDueAsync(cancellationToken)) };
        while (batch.Count < maxMessages && queue.TryTakeDue(out var more))
        {
            batch.Add(Hold(more));
        }

        return batch;
    }

    public Task CompleteAsync(ReceivedWork received, WorkMessage? following, CancellationToken cancellationToken)
    {
        _inFlight.TryRemove(received.Message.WorkId, out _);
        return following is null ? Task.CompletedTask : SendAsync([following], cancellationToken);
    }

    public Task ReleaseAsync(ReceivedWork received, TimeSpan delay, CancellationToken cancellationToken) =>
        CompleteAsync(received, received.Message with { NotBefore = clock.GetUtcNow() + delay }, cancellationToken);

    private ReceivedWork Hold(WorkMessage message)
    {
        _inFlight[message.WorkId] = 0;
        return new ReceivedWork(message, 1, message.WorkId);
    }

    private WorkScheduler Queue(string kind) => _kinds.GetOrAdd(kind, _ => new WorkScheduler(clock));
}
