using Dms.Hub.Operations;
using Dms.Hub.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Work;

/// <summary>
/// Deletes finished work items whose step changed nothing else (a push delivered, an effect applied) a moment later,
/// together with the others of the same dealer's partition finished meanwhile: one batch instead of one per item.
/// </summary>
/// <remarks>
/// Why it is safe: such an item's only remaining write is its own deletion, under its lease's ETag. Until then its
/// row stays leased (it is never run twice while this process lives); should the process stop first, the recovery
/// sweep runs it again once the lease ends — the push is sent again under the same receipt ID, an effect is ignored
/// by the revision it carries — exactly as after a crash just before an immediate commit. A row changed or gone
/// meanwhile fails its delete (ETag), which is what an immediate commit would have reported as gone. The group's
/// trips are counted as the step <c>work:completed</c>, shared among the items' document types. Pending deletions are
/// committed when the host stops. Off (<see cref="WorkOptions.CompletionGroupMilliseconds"/> 0, or no local loop: a
/// Functions instance may be frozen once its invocation returns) each completion is committed at once.
/// </remarks>
public sealed partial class WorkCompletions(IDocumentStore store, StorageTraffic traffic, IOptions<WorkOptions> options, ILogger<WorkCompletions> logger) : IAsyncDisposable, IDisposable
{
    public const string Step = "work:completed";
    private const int MaxBatch = 100;

    private readonly TimeSpan _delay = options.Value.RunLocalLoop ? TimeSpan.FromMilliseconds(options.Value.CompletionGroupMilliseconds) : TimeSpan.Zero;
    private readonly Dictionary<string, List<WorkLease>> _pending = new(StringComparer.Ordinal);
    private readonly List<Task> _flushes = [];

    /// <summary>Whether completions are grouped (otherwise the caller commits them itself).</summary>
    public bool Enabled => _delay > TimeSpan.Zero;

    /// <summary>Takes a finished item of <paramref name="dealerCode"/>'s partition; it is deleted with its group shortly.</summary>
    public void Add(string dealerCode, WorkLease lease)
    {
        List<WorkLease>? full = null;
        lock (_pending)
        {
            if (!_pending.TryGetValue(dealerCode, out var group))
            {
                group = [];
                _pending[dealerCode] = group;
                Start(() => FlushLaterAsync(dealerCode, group));
            }

            group.Add(lease);
            if (group.Count >= MaxBatch)
            {
                _pending.Remove(dealerCode);
                full = group;
            }
        }

        if (full is not null)
        {
            Start(() => FlushAsync(dealerCode, full));
        }
    }

    /// <summary>Commits every pending deletion now (the host is stopping).</summary>
    public async ValueTask DisposeAsync()
    {
        List<KeyValuePair<string, List<WorkLease>>> groups;
        Task[] running;
        lock (_pending)
        {
            groups = [.. _pending];
            _pending.Clear();
            running = [.. _flushes];
        }

        await Task.WhenAll(groups.Select(g => FlushAsync(g.Key, g.Value)));
        await Task.WhenAll(running.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
    }

    /// <inheritdoc cref="DisposeAsync"/>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    // Run apart from the caller's flow: its step, activity and cancellation are not the group's.
    private void Start(Func<Task> flush)
    {
        Task task;
        using (ExecutionContext.SuppressFlow())
        {
            task = Task.Run(flush);
        }

        lock (_pending)
        {
            _flushes.RemoveAll(t => t.IsCompleted);
            _flushes.Add(task);
        }
    }

    private async Task FlushLaterAsync(string dealerCode, List<WorkLease> group)
    {
        await Task.Delay(_delay);
        lock (_pending)
        {
            // Gone already when it filled up or the host stopped (flushed there).
            if (!_pending.Remove(dealerCode, out var current) || !ReferenceEquals(current, group))
            {
                if (current is not null)
                {
                    _pending[dealerCode] = current;
                }

                return;
            }
        }

        await FlushAsync(dealerCode, group);
    }

    private async Task FlushAsync(string dealerCode, List<WorkLease> group)
    {
        using var step = traffic.Step("-", Step);
        step.ShareAmong(group.GroupBy(l => l.Item.DocumentType ?? "-", StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal));
        try
        {
            var changes = new ChangeSet(dealerCode) { CompleteWork = group[0] };
            changes.AlsoCompleted.AddRange(group.Skip(1));
            if (await store.CommitAsync(changes, CancellationToken.None) == CommitResult.Committed || group.Count == 1)
            {
                return;
            }

            // One row changed or went meanwhile (taken over after its lease, replayed): the others one by one.
            foreach (var lease in group)
            {
                await store.CommitAsync(new ChangeSet(dealerCode) { CompleteWork = lease }, CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            // The rows stay; their leases end and the recovery sweep runs them again (see the remarks).
            LogFailed(logger, ex, group.Count, dealerCode);
        }
    }

    [LoggerMessage(EventId = 4301, Level = LogLevel.Warning, Message = "Could not delete {Count} finished work items of {DealerCode}; they run again when their leases end")]
    private static partial void LogFailed(ILogger logger, Exception exception, int count, string dealerCode);
}
