using Azure;
using Azure.Data.Tables;
using Dms.Hub.Insights;
using Dms.Hub.Operations;
using Microsoft.Extensions.Options;

namespace Dms.Adapters.AzureStorage.Internal.Insights;

/// <summary>
/// A copy of the dealers' health rows and gauges (<c>H|…</c>, <c>G|…</c>) in a small table of their own
/// (<c>insightsdealercounts</c>), which the dealer list reads instead of the counter table.
/// </summary>
/// <remarks>
/// Why: Azurite answers a range query by walking the whole table, and the counter table holds every scope's hours,
/// days and weeks (≈ 53,000 rows at a million documents a month): the dealer list's two range queries cost 246 ms of
/// Azurite CPU a request there (session 13). The copy holds ≈ 10 rows per dealer and week. The rows of record stay in
/// the counter table, where each document's deltas commit with its receipt in one transaction (exactly once); a
/// transaction cannot span two tables, so this table is a copy, kept in step by whoever writes them:
/// <list type="bullet">
/// <item>the projector keeps each committed row's latest values in memory (<see cref="Stage"/>, from
/// <see cref="CounterTransactions"/>) and writes them at most once per <see cref="InsightsOptions.DealerCopySeconds"/>
/// (<see cref="WriteIfDueAsync"/>), and always before the counters' "as of" time moves (<see cref="WriteAsync"/>, from
/// <c>SetWatermarkAsync</c>) — so the copy holds everything counted up to that time, and lags the counters by at most
/// the interval while they keep counting. Written after every commit (session 14) it cost a batch per commit: 0.1–0.2
/// round trips per document under load (perf15) for a page that is read a few times a minute;</item>
/// <item>the bulk import and the rebuild write the summed rows to both tables;</item>
/// <item>a process that takes the projector lease anew, or whose copy write failed, copies every row of record over
/// (<see cref="SyncAsync"/>) before it counts again or marks the counters caught up — so a copy left behind by a crash
/// (between a commit and its copy, or with values still in memory) is set right by the next projector. A process that
/// loses the lease drops what it kept (<see cref="MarkBehind"/>): the copy is only written inside a projector cycle,
/// after the cycle's lease check, like the listing rows.</item>
/// </list>
/// </remarks>
internal sealed class DealerCounterMirror(TableSet tables, IOptionsMonitor<InsightsOptions> options, TimeProvider clock, StorageTraffic traffic)
{
    /// <summary>The copy's writes in the hub's step counts: per interval, no longer per document (<see cref="StorageTraffic"/>).</summary>
    public const string Step = "insights:dealer-copy";

    private const string From = CounterRows.DealerGaugePrefix; // "G|": gauges, then health rows ("H|"): nothing else starts with G or H
    private const string Until = CounterRows.DealerHealthPrefix + "~";
    private const int Concurrency = 8;
    private static readonly string[] KeysOnly = ["PartitionKey", "RowKey"];

    // Committed rows not yet copied, by row key: their latest values (a row counted again replaces its entry).
    private readonly Dictionary<string, TableEntity> _pending = new(StringComparer.Ordinal);

    // When the copy was last written from memory: a process's first count writes at once.
    private DateTimeOffset _writtenAt = DateTimeOffset.MinValue;

    // A process starts not knowing whether the last one copied everything it counted.
    private volatile bool _behind = true;

    public TableClient Table => tables.DealerCounters;

    /// <summary>Whether a row of record is copied here.</summary>
    public static bool Holds(string rowKey) =>
        rowKey.StartsWith(CounterRows.DealerHealthPrefix, StringComparison.Ordinal) || rowKey.StartsWith(CounterRows.DealerGaugePrefix, StringComparison.Ordinal);

    /// <summary>
    /// The copy may be behind its rows (a lease taken over or lost, a failed write): copied whole before the next count
    /// or watermark; what this process kept in memory is dropped (the whole copy reads the rows of record).
    /// </summary>
    public void MarkBehind()
    {
        lock (_pending)
        {
            _behind = true;
            _pending.Clear();
        }
    }

    /// <summary>Keeps committed rows' new values (whole rows, so writing them later, or twice, is harmless) until the next write.</summary>
    public void Stage(IEnumerable<TableEntity> committed)
    {
        lock (_pending)
        {
            foreach (var row in committed.Where(e => Holds(e.RowKey)))
            {
                _pending[row.RowKey] = Copy(row);
            }
        }
    }

    /// <summary>Writes what was kept if the interval has passed since the last write (the projector counting on).</summary>
    public Task WriteIfDueAsync(CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(options.CurrentValue.DealerCopySeconds);
        var now = clock.GetUtcNow();
        lock (_pending)
        {
            if (now >= _writtenAt && now < _writtenAt + interval)
            {
                return Task.CompletedTask;
            }
        }

        return WriteAsync(cancellationToken);
    }

    /// <summary>Writes what was kept, now (before the counters' "as of" time moves); a failure leaves the copy marked behind.</summary>
    public async Task WriteAsync(CancellationToken cancellationToken)
    {
        List<TableEntity> rows;
        lock (_pending)
        {
            if (_behind || _pending.Count == 0)
            {
                return; // behind: the next sync copies every row whole
            }

            rows = [.. _pending.Values];
            _pending.Clear();
            _writtenAt = clock.GetUtcNow();
        }

        using var step = traffic.Step("-", Step);
        try
        {
            await UpsertAsync(rows, cancellationToken);
        }
        catch
        {
            MarkBehind();
            throw;
        }
    }

    /// <summary>When behind, makes the copy equal to the rows of record: every one copied, any other removed.</summary>
    public async Task SyncIfBehindAsync(CancellationToken cancellationToken)
    {
        if (_behind)
        {
            await SyncAsync(cancellationToken);
        }
    }

    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        lock (_pending)
        {
            // First: a write failing meanwhile marks it behind again. What was kept is committed, so the rows read below hold it.
            _behind = false;
            _pending.Clear();
        }

        using var step = traffic.Step("-", Step);
        try
        {
            var range = TableClient.CreateQueryFilter($"PartitionKey eq {CounterRows.Partition} and RowKey ge {From} and RowKey lt {Until}");
            var rows = new List<TableEntity>();
            await foreach (var row in tables.Counters.QueryAsync<TableEntity>(range, 1000, cancellationToken: cancellationToken))
            {
                rows.Add(Copy(row));
            }

            var keep = rows.Select(r => r.RowKey).ToHashSet(StringComparer.Ordinal);
            var stray = new List<string>();
            await Table.CreateIfNotExistsAsync(cancellationToken);
            await foreach (var row in Table.QueryAsync<TableEntity>(range, 1000, KeysOnly, cancellationToken))
            {
                if (!keep.Contains(row.RowKey))
                {
                    stray.Add(row.RowKey);
                }
            }

            await UpsertAsync(rows, cancellationToken);
            await Parallel.ForEachAsync(stray.Chunk(100), Options(cancellationToken), async (chunk, ct) =>
                await Table.SubmitTransactionAsync(chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(CounterRows.Partition, k), ETag.All)), ct));
        }
        catch
        {
            MarkBehind();
            throw;
        }
    }

    private Task UpsertAsync(List<TableEntity> rows, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(rows.DistinctBy(r => r.RowKey, StringComparer.Ordinal).Chunk(100), Options(cancellationToken), async (chunk, ct) =>
            await Table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), ct));

    private static ParallelOptions Options(CancellationToken cancellationToken) => new() { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken };

    /// <summary>The row's keys and counters, without what the service stamped (its ETag belongs to the counter table).</summary>
    private static TableEntity Copy(TableEntity row)
    {
        var copy = new TableEntity(CounterRows.Partition, row.RowKey);
        foreach (var (name, value) in row)
        {
            if (name is not ("odata.etag" or "PartitionKey" or "RowKey" or "Timestamp") && value is not null)
            {
                copy[name] = value;
            }
        }

        return copy;
    }
}
