using System.Diagnostics;
using Dms.Hub.Dealers;
using Dms.Hub.Operations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Insights.Rebuild;

/// <summary>
/// Rebuilds the console's read model from the stored documents: an Admin's action, or by itself when the store's
/// layout version is older than the code's (<see cref="ReadModelUpkeep"/>). Holding the projector's lease, so nothing
/// projects meanwhile, it clears the read model, lists every document through the bulk loader page by page (a
/// checkpoint after each page), then writes the search keys and counters from the listing it wrote, and records the
/// version.
/// </summary>
/// <remarks>
/// Why it is safe:
/// <list type="bullet">
/// <item>Crash: the checkpoint says the phase and the last page loaded; listing rows are upserted whole and search keys
/// and counters replaced, so a page or the counting redone after a crash writes the same rows — nothing counts twice.</item>
/// <item>Documents changed meanwhile keep their change markers (the projector is held off by the lease): after the
/// rebuild the projector compares each with the listing row the rebuild wrote — already that revision: nothing to
/// do; older: the difference is projected. Counters are summed from the listing rows, not the documents, so they
/// always agree with what the projector compares with.</item>
/// <item>A projector of another process that held the lease may be in a cycle: the rebuild waits one lease term
/// before clearing (the projector assumes a cycle ends within its lease too). Its projection receipts are cleared.</item>
/// </list>
/// </remarks>
public sealed partial class ReadModelRebuild(
    IReadModelMaintenance store,
    IInsightsBulkLoader loader,
    FactsBuilder builder,
    DealerDirectory dealers,
    IAuditLog audit,
    IOptionsMonitor<InsightsOptions> options,
    TimeProvider clock,
    ILogger<ReadModelRebuild> logger) : IDisposable
{
    /// <summary>Documents a page (and a checkpoint): a page costs Azurite a range query and ≈ 40 transactions of listing rows.</summary>
    public int PageSize { get; set; } = 1000;
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim _one = new(1, 1);

    public void Dispose() => _one.Dispose();

    /// <summary>Called after each checkpoint (progress pages, tests that change a document mid-rebuild).</summary>
    public Func<RebuildCheckpoint, CancellationToken, Task>? Observer { get; set; }

    /// <summary>Whether a rebuild runs in this process now.</summary>
    public bool Running => _one.CurrentCount == 0;

    /// <summary>
    /// Runs a rebuild (resuming an interrupted one: its checkpoint's requester and reason are kept); null when one is
    /// already running in this process.
    /// </summary>
    public async Task<RebuildResult?> RunAsync(string by, string reason, CancellationToken cancellationToken)
    {
        if (!await _one.WaitAsync(0, cancellationToken))
        {
            return null;
        }

        try
        {
            return await RunLockedAsync(by, reason, cancellationToken);
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task<RebuildResult> RunLockedAsync(string by, string reason, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var owner = "rebuild/" + Environment.MachineName + "/" + Guid.NewGuid().ToString("N")[..8];
        var term = TimeSpan.FromSeconds(options.CurrentValue.LeaseSeconds);
        var (checkpoint, resumed) = await TakeLeaseAsync(owner, term, by, reason, cancellationToken);
        var renewedAt = clock.GetUtcNow();
        async Task RenewAsync(CancellationToken ct)
        {
            if (clock.GetUtcNow() - renewedAt >= term / 4)
            {
                if (await store.TakeLeaseAsync(InsightsProjector.LeaseName, owner, clock.GetUtcNow(), term, ct) != RebuildLease.Taken)
                {
                    throw new InvalidOperationException("The rebuild lost the projector lease (it lapsed, or another rebuild took it).");
                }

                renewedAt = clock.GetUtcNow();
            }
        }

        LogStarted(logger, checkpoint.Phase, checkpoint.Listed, resumed);
        if (checkpoint.Phase == RebuildCheckpoint.Clearing)
        {
            await SaveAsync(checkpoint with { WaitingUntil = null }, cancellationToken);
            await store.ClearAsync(cancellationToken);
            checkpoint = await SaveAsync(checkpoint with { Phase = RebuildCheckpoint.Listing, Cursor = null, Listed = 0, WaitingUntil = null }, cancellationToken);
        }

        if (checkpoint.Phase == RebuildCheckpoint.Listing)
        {
            checkpoint = await ListAsync(checkpoint with { PhaseStartedAt = clock.GetUtcNow(), PhaseFrom = checkpoint.Listed }, RenewAsync, cancellationToken);
            checkpoint = await SaveAsync(checkpoint with { Phase = RebuildCheckpoint.Counting, Counted = 0 }, cancellationToken);
        }

        checkpoint = await CountAsync(checkpoint with { Counted = 0, PhaseStartedAt = clock.GetUtcNow(), PhaseFrom = 0 }, RenewAsync, cancellationToken);
        await store.SetVersionAsync(ReadModelLayout.Version, cancellationToken);
        await store.ReleaseLeaseAsync(InsightsProjector.LeaseName, owner, cancellationToken);
        var took = clock.GetUtcNow() - checkpoint.StartedAt;
        await audit.AppendAsync(AuditRecord.For(checkpoint.By, checkpoint.By, checkpoint.By == System ? "System" : "Admin", "RebuiltReadModel", "read model", checkpoint.Reason, (int)Math.Min(int.MaxValue, checkpoint.Listed), clock.GetUtcNow(),
            $"layout {checkpoint.FromVersion} → {ReadModelLayout.Version}; {checkpoint.Listed} documents listed, {checkpoint.Counted} counted; {took.TotalSeconds:F0} s{(resumed ? "; resumed after an interruption" : string.Empty)}"), CancellationToken.None);
        LogFinished(logger, checkpoint.Listed, watch.Elapsed.TotalSeconds);
        return new RebuildResult(checkpoint.Listed, checkpoint.Counted, watch.Elapsed, resumed);
    }

    /// <summary>
    /// The projector lease, and the checkpoint to go on from (an interrupted rebuild's, or a new one counting what the
    /// read model holds before it is cleared). When a live projector held the lease: the wait is on the checkpoint (so
    /// every instance's console says why nothing moves), then one lease term for its cycle in flight to end.
    /// </summary>
    private async Task<(RebuildCheckpoint Checkpoint, bool Resumed)> TakeLeaseAsync(string owner, TimeSpan term, string by, string reason, CancellationToken cancellationToken)
    {
        while (true)
        {
            var lease = await store.TakeLeaseAsync(InsightsProjector.LeaseName, owner, clock.GetUtcNow(), term, cancellationToken);
            if (lease == RebuildLease.Busy)
            {
                // Another rebuild (or one that stopped and whose lease has not lapsed yet: resumed once it does).
                await Task.Delay(TimeSpan.FromSeconds(1), clock, cancellationToken);
                continue;
            }

            var stored = await store.GetCheckpointAsync(cancellationToken);
            var checkpoint = stored ?? await NewCheckpointAsync(by, reason, cancellationToken);
            if (lease == RebuildLease.Taken)
            {
                return (checkpoint, stored is not null);
            }

            LogWaitingForProjector(logger, term.TotalSeconds);
            await SaveAsync(checkpoint with { WaitingUntil = clock.GetUtcNow() + term }, cancellationToken);
            if (await OutwaitProjectorAsync(owner, term, cancellationToken))
            {
                return (checkpoint, stored is not null);
            }
        }
    }

    private async Task<RebuildCheckpoint> NewCheckpointAsync(string by, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return new RebuildCheckpoint(RebuildCheckpoint.Clearing, null, 0, 0, now, now, by, reason, await store.GetVersionAsync(cancellationToken) ?? 0)
        {
            Expected = await store.CountListedAsync(cancellationToken),
        };
    }

    /// <summary>
    /// A full lease term with the lease held throughout (renewed every quarter, so it never lapses to a projector
    /// meanwhile); false when another rebuild took it.
    /// </summary>
    private async Task<bool> OutwaitProjectorAsync(string owner, TimeSpan term, CancellationToken cancellationToken)
    {
        for (var quarter = 0; quarter < 4; quarter++)
        {
            await Task.Delay(term / 4, clock, cancellationToken);
            switch (await store.TakeLeaseAsync(InsightsProjector.LeaseName, owner, clock.GetUtcNow(), term, cancellationToken))
            {
                case RebuildLease.Busy:
                    return false;
                case RebuildLease.TakenFromProjector:
                    quarter = -1; // a projector held it again after all: a full term from now
                    break;
            }
        }

        return true;
    }

    /// <summary>Who an automatic rebuild is audited as.</summary>
    public const string System = "system";

    private async Task<RebuildCheckpoint> ListAsync(RebuildCheckpoint checkpoint, Func<CancellationToken, Task> renew, CancellationToken cancellationToken)
    {
        // The next page is read while this one is written (reading and writing are separate round trips on Azurite's one thread).
        await using var pages = store.ReadDocumentsAsync(checkpoint.Cursor, PageSize, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var next = pages.MoveNextAsync().AsTask();
        try
        {
            while (await next)
            {
                var page = pages.Current;
                var facts = new List<DocumentFacts>(page.Documents.Count);
                foreach (var document in page.Documents)
                {
                    facts.Add(builder.Build(document, await dealers.GetDealerAsync(document.DealerCode, cancellationToken)));
                }

                next = pages.MoveNextAsync().AsTask();
                await loader.LoadAsync(facts, cancellationToken);
                await renew(cancellationToken);
                checkpoint = await SaveAsync(checkpoint with { Cursor = page.Cursor, Listed = checkpoint.Listed + facts.Count }, cancellationToken);
            }
        }
        finally
        {
            // Never disposed with a read in flight (a failed write leaves one).
            await next.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }

        return checkpoint;
    }

    /// <summary>Search keys and counters from every listing row (what the projector compares its next change with), written whole.</summary>
    private async Task<RebuildCheckpoint> CountAsync(RebuildCheckpoint checkpoint, Func<CancellationToken, Task> renew, CancellationToken cancellationToken)
    {
        var sums = new Dictionary<(CounterKey Key, string Metric), long>();
        var keys = new List<(string, IndexRef)>();
        long counted = 0;
        var shownAt = clock.GetUtcNow();
        await foreach (var table in store.ReadListedAsync(cancellationToken))
        {
            foreach (var facts in table)
            {
                foreach (var delta in FactsDiff.Counters(null, facts))
                {
                    sums[(delta.Key, delta.Metric)] = sums.GetValueOrDefault((delta.Key, delta.Metric)) + delta.Delta;
                }

                keys.AddRange(facts.Keys.Select(SearchKeys.Split).Select(k => (Normalized: SearchKeys.Normalize(k.Value), Ref: new IndexRef(facts.TrackingId, facts.DocumentType, k.Kind)))
                    .Where(k => k.Normalized is not null).Select(k => (k.Normalized!, k.Ref)));
            }

            counted += table.Count;
            await renew(cancellationToken);
            if (clock.GetUtcNow() - shownAt >= ProgressEvery)
            {
                // Progress only (a crash redoes the counting whole): a write every few seconds, not one per table.
                checkpoint = await SaveAsync(checkpoint with { Counted = counted }, cancellationToken);
                shownAt = clock.GetUtcNow();
            }
        }

        checkpoint = await SaveAsync(checkpoint with { Counted = counted }, cancellationToken);
        await loader.LoadSearchKeysAsync(keys, cancellationToken);
        await renew(cancellationToken);
        await loader.LoadCountersAsync(sums.Select(s => new CounterDelta(s.Key.Key, s.Key.Metric, s.Value)).ToList(), cancellationToken);
        return checkpoint;
    }

    private async Task<RebuildCheckpoint> SaveAsync(RebuildCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        checkpoint = checkpoint with { UpdatedAt = clock.GetUtcNow() };
        await store.SaveCheckpointAsync(checkpoint, cancellationToken);
        if (Observer is { } observe)
        {
            await observe(checkpoint, cancellationToken);
        }

        return checkpoint;
    }

    [LoggerMessage(EventId = 5110, Level = LogLevel.Information, Message = "Read-model rebuild starting at {Phase} ({Listed} documents listed before; resumed: {Resumed})")]
    private static partial void LogStarted(ILogger logger, string phase, long listed, bool resumed);

    [LoggerMessage(EventId = 5111, Level = LogLevel.Information, Message = "Read-model rebuild waits {Seconds} s for the projector's cycle in flight")]
    private static partial void LogWaitingForProjector(ILogger logger, double seconds);

    [LoggerMessage(EventId = 5112, Level = LogLevel.Information, Message = "Read-model rebuild finished: {Listed} documents in {Seconds:F1} s")]
    private static partial void LogFinished(ILogger logger, long listed, double seconds);
}
