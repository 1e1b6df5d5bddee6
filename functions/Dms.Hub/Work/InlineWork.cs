using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Dms.Hub.Storage;
using Dms.Hub.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Work;

/// <summary>
/// Runs the work a batch file's slice just committed at once, in the caller's flow, instead of one message each
/// through the transport: the rows' deliveries commit into shared entity-group transactions (<see cref="CommitGroup"/>),
/// their sales rollups into one transaction per shard (the writer folds what waits), their completions into one delete
/// batch per partition (<see cref="WorkCompletions"/>). What a slice causes is done before the next slice is imported.
/// </summary>
/// <remarks>
/// Only work this process claimed at birth (the in-memory transport with the local loop: leased to it, first attempt
/// counted) and whose handler says it runs together (<see cref="IWorkHandler.RunsTogether"/>); the rest is dispatched
/// as usual. Each item is one ordinary attempt (<see cref="WorkCycle"/>): a retry, a deferral or a dead letter is
/// committed and scheduled exactly as from the loop. Should the process stop first, the items' rows are there, leased,
/// and the recovery sweep runs them once their leases end — as after a crash before the loop took them.
/// </remarks>
public sealed partial class InlineWork(
    IServiceProvider services, IWorkDispatcher dispatcher, IBulkCommitStore bulk, IDocumentStore documents, WorkCompletions completions, TimeProvider clock,
    IOptions<WorkOptions> options, ILogger<InlineWork> logger)
{
    private readonly int _concurrency = options.Value.Concurrency;
    private readonly TimeSpan _lease = TimeSpan.FromSeconds(options.Value.LeaseSeconds);

    // Resolved on first use: handlers depend (through the batch phases) on the intake, which depends on this.
    private readonly Lazy<WorkCycle> _cycle = new(services.GetRequiredService<WorkCycle>);
    private readonly Lazy<FrozenDictionary<string, IWorkHandler>> _handlers =
        new(() => services.GetServices<IWorkHandler>().ToFrozenDictionary(h => h.Kind, StringComparer.Ordinal));

    /// <summary>
    /// Inside the returned scope, <see cref="RunAsync"/> returns at once and its run is kept by the scope: the caller
    /// imports its next chunk while the last chunk's work runs, and waits for it (<see cref="Behind.WaitAsync"/>).
    /// </summary>
    public static Behind RunBehind() => new();

    /// <summary>Dispatches <paramref name="items"/> (committed, prepared), running those that may run together here and now.</summary>
    public Task RunAsync(IReadOnlyList<WorkItem> items, CancellationToken cancellationToken)
    {
        var run = RunNowAsync(items, cancellationToken);
        if (Behind.Current is not { } behind)
        {
            return run;
        }

        behind.Add(run);
        return Task.CompletedTask;
    }

    private async Task RunNowAsync(IReadOnlyList<WorkItem> items, CancellationToken cancellationToken)
    {
        var together = items.Select(i => (Item: i, AtOnce: AtOnce(i))).Where(i => i.AtOnce > 0).ToList();
        if (together.Count < items.Count)
        {
            await dispatcher.DispatchAsync(items.Where(i => AtOnce(i) == 0).ToList(), cancellationToken);
        }

        var unsettled = new HashSet<string>(StringComparer.Ordinal);
        using (CommitGroup.Open(bulk, documents))
        {
            // Each kind at once, side by side, within what its handler allows. Started attempts finish whatever happens
            // to the caller: their attempt is counted already.
            await Task.WhenAll(together.GroupBy(i => i.Item.Kind, StringComparer.Ordinal).Select(kind =>
                Parallel.ForEachAsync(kind.Select(i => i.Item), new ParallelOptions { MaxDegreeOfParallelism = Math.Min(kind.Min(i => i.AtOnce), kind.Count()) }, async (item, _) =>
                {
                    if (!await RunOneAsync(item) && item.Journal is { } journal)
                    {
                        lock (unsettled)
                        {
                            unsettled.Add(journal);
                        }
                    }
                })));
        }

        await DeleteJournalsAsync(together.Select(i => i.Item).Where(i => i.Journal is { } j && !unsettled.Contains(j)).ToList());
    }

    /// <summary>
    /// Whether <paramref name="item"/> (prepared, not yet committed) will run here right after its commit, so that it
    /// may be recorded in a <see cref="WorkJournal"/> instead of a row of its own.
    /// </summary>
    public bool MayJournal(WorkItem item) => AtOnce(item with { ETag = "-" }) > 0;

    /// <returns>Whether the item settled: completed, or its retry, deferral or dead letter committed (a row of its own then).</returns>
    private async ValueTask<bool> RunOneAsync(WorkItem item)
    {
        try
        {
            item = await WithLeaseLeftAsync(item);
            var outcome = await _cycle.Value.RunAsync(Claimed(item), CancellationToken.None);
            // Put off without a commit (its destination's circuit is open) or not run at all: it lives only in its journal.
            return outcome.Kind switch
            {
                WorkOutcomeKind.Deferred => outcome.Item is not null,
                WorkOutcomeKind.Skipped => item.Journal is null,
                _ => true,
            };
        }
        catch (Exception ex)
        {
            // Not even its failure could be recorded (storage refused): the row stays leased and the sweep runs it later.
            LogFailed(logger, ex, item.Kind, item.Id);
            return false;
        }
    }

    /// <summary>
    /// A journaled item whose lease from birth is too far gone for an attempt to start on it (the runner wants half of it
    /// left, <see cref="WorkRunner"/>) gets a row of its own now, leased afresh, and runs on that. Without a row the
    /// runner could not lease one instead: it would skip the item, which would then wait for its journal's lease to end
    /// and the recovery sweep (seen on a loaded machine: a file completed with some rows not delivered). The journal
    /// still lists it; should the journal outlive this process, <see cref="JournalHandler"/> leaves a row that exists.
    /// </summary>
    private async Task<WorkItem> WithLeaseLeftAsync(WorkItem item)
    {
        // Two thirds rather than the runner's half: the commit below and the start of the attempt take time too.
        if (item.Journal is null || item.LeasedUntil - clock.GetUtcNow() >= _lease * 2 / 3)
        {
            return item;
        }

        var own = new ChangeSet(item.DealerCode);
        own.NewWork.Add(item with { Journal = null, ETag = null, LeasedUntil = clock.GetUtcNow() + _lease });
        return await documents.CommitAsync(own, CancellationToken.None) == CommitResult.Committed ? own.NewWork[0] : item;
    }

    // Every member of these journals has settled: one delete each (with other completions of the partition, when grouped).
    // A journal not deleted here is found by the recovery sweep once its lease ends (JournalHandler).
    private async Task DeleteJournalsAsync(List<WorkItem> settled)
    {
        var now = clock.GetUtcNow();
        foreach (var journal in settled.GroupBy(i => (i.DealerCode, Id: i.Journal!, ETag: i.ETag!)))
        {
            var lease = new WorkLease(new WorkItem(journal.Key.Id, WorkKinds.Journal, journal.Key.DealerCode, null, null, new JsonObject(), now, now, null, 1), now, journal.Key.ETag);
            if (completions.Enabled)
            {
                completions.Add(journal.Key.DealerCode, lease);
                continue;
            }

            try
            {
                await documents.CommitAsync(new ChangeSet(journal.Key.DealerCode) { CompleteWork = lease }, CancellationToken.None);
            }
            catch (Exception ex)
            {
                LogFailed(logger, ex, WorkKinds.Journal, journal.Key.Id);
            }
        }
    }

    private int AtOnce(WorkItem item) =>
        item is { Attempt: 1, LeasedUntil: not null, LastError: null, ETag: not null } && _handlers.Value.TryGetValue(item.Kind, out var handler)
            ? handler.RunsTogether(item, _concurrency)
            : 0;

    // The message the transport would have carried: the item, claimed by this process at birth.
    private static WorkMessage Claimed(WorkItem item) => WorkMessage.For(item) with { NotBefore = item.DueAt, Claimed = true };

    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "Work {WorkKind} {WorkId} run with its batch slice failed; it runs again once its lease ends")]
    private static partial void LogFailed(ILogger logger, Exception exception, string workKind, string workId);

    /// <summary>Runs started inside <see cref="RunBehind"/>, not yet waited for.</summary>
    public sealed class Behind : IDisposable
    {
        private static readonly AsyncLocal<Behind?> Active = new();
        private readonly Behind? _previous;
        private readonly List<Task> _runs = [];

        internal Behind()
        {
            _previous = Active.Value;
            Active.Value = this;
        }

        internal static Behind? Current => Active.Value;

        /// <summary>Waits until at most the <paramref name="newest"/> runs started last are still going.</summary>
        public async Task WaitAsync(int newest = 0)
        {
            Task[] older;
            lock (_runs)
            {
                older = [.. _runs.Take(Math.Max(0, _runs.Count - newest))];
                _runs.RemoveRange(0, older.Length);
            }

            await Task.WhenAll(older);
        }

        public void Dispose() => Active.Value = _previous;

        internal void Add(Task run)
        {
            lock (_runs)
            {
                _runs.Add(run);
            }
        }
    }
}
