using Azure;
using Azure.Data.Tables;
using Dms.Hub.Insights;
using Dms.Hub.Operations;
using Microsoft.Extensions.Options;

namespace Dms.Adapters.AzureStorage.Internal.Insights;

/// <summary>
/// Copies of the counter rows that pages read by range, in small tables of their own: the dealers' health rows and
/// gauges (<c>H|…</c>, <c>G|…</c>) and the failure tally (<c>F|…</c>) in <c>insightsdealercounts</c>, which the dealer
/// list and the Failures page read; and the rows of everyone,
/// each region and each district by hour, day, week and four weeks (<c>h|…</c>, <c>d|…</c>, <c>w|…</c>, <c>q|…</c>) in a
/// table per scope and month (<c>scopecounts…</c>, <see cref="TableSet.ScopeCounters"/>), which the overviews and the documents lists count from.
/// </summary>
/// <remarks>
/// Why: Azurite answers a range query by walking the whole table, and the counter table holds every scope's hours,
/// days and weeks and every dealer's days (≈ 55,000 rows at 30 days, whatever the number of documents, and more every
/// month: nothing is pruned): the dealer list's two range queries cost 246 ms of Azurite CPU a request there (session
/// 13), every count over hours ≈ 60 ms (session 18), and the Failures page's tally (a few hundred rows) as much: that
/// page reached 308–321 ms p95 at a million documents (session 23). A scope's month holds ≈ 3,800 rows (720 hours × its types
/// and their sum), so a count walks one or two of those. The rows of record stay in the counter table, where each
/// document's deltas commit with its receipt in one transaction (exactly once); a transaction cannot span two tables,
/// so these tables are copies, kept in step by whoever writes them:
/// <list type="bullet">
/// <item>the projector keeps each committed row's latest values in memory (<see cref="Stage"/>, from
/// <see cref="CounterTransactions"/>) and writes them at most once per <see cref="InsightsOptions.DealerCopySeconds"/>
/// (<see cref="WriteIfDueAsync"/>), and always before the counters' "as of" time moves (<see cref="WriteAsync"/>, from
/// <c>SetWatermarkAsync</c>) — so a copy holds everything counted up to that time, and lags the counters by at most
/// the interval while they keep counting. Written after every commit (session 14) it cost a batch per commit: 0.1–0.2
/// round trips per document under load (perf15) for a page that is read a few times a minute;</item>
/// <item>the bulk import and the rebuild write the summed rows to both;</item>
/// <item>a process that takes the projector lease anew, or whose copy write failed, compares every row of record with
/// its copy and writes those that differ (<see cref="SyncAsync"/>) before it counts again or marks the counters caught
/// up — so a copy left behind by a crash (between a commit and its copy, or with values still in memory) is set right
/// by the next projector. A process that loses the lease drops what it kept (<see cref="MarkBehind"/>): the copy is
/// only written inside a projector cycle, after the cycle's lease check, like the listing rows.</item>
/// </list>
/// A store written before session 19 has no scope copies, and one written before session 23 no failure tally copy: the
/// first projector to take the lease copies them (its sync).
/// </remarks>
internal sealed class CounterMirror(TableSet tables, IOptionsMonitor<InsightsOptions> options, TimeProvider clock, StorageTraffic traffic)
{
    /// <summary>The copies' writes in the hub's step counts: per interval, no longer per document (<see cref="StorageTraffic"/>).</summary>
    public const string Step = "insights:counter-copy";

    private const string DealerFrom = CounterRows.FailurePrefix; // "F|": failures, gauges ("G|"), health rows ("H|"): nothing else starts with F, G or H
    private const string DealerUntil = CounterRows.DealerHealthPrefix + "~";
    private const int Concurrency = 8;

    /// <summary>The grains of the scope rows copied, as their keys start (<see cref="CounterRows.Prefix"/>).</summary>
    private static readonly string[] ScopeGrains = ["d|", "h|", "q|", "w|"];

    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    // Committed rows not yet copied, by row key: their latest values (a row counted again replaces its entry).
    private readonly Dictionary<string, TableEntity> _pending = new(StringComparer.Ordinal);

    // Copy tables this process has made sure of (a scope's month table is made by its first row).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task> _created = new(StringComparer.Ordinal);

    // When the copy was last written from memory: a process's first count writes at once.
    private DateTimeOffset _writtenAt = DateTimeOffset.MinValue;

    // A process starts not knowing whether the last one copied everything it counted.
    private volatile bool _behind = true;

    /// <summary>The dealers' copy (health rows and gauges) and the failure tally's.</summary>
    public TableClient DealerTable => tables.DealerCounters;

    /// <summary>Whether a row of record is copied.</summary>
    public static bool Holds(string rowKey) => InDealerTable(rowKey) || ScopeRow(rowKey) is not null;

    /// <summary>The copy table of a row of record; null for a row that is not copied.</summary>
    public TableClient? TableOf(string rowKey) =>
        InDealerTable(rowKey) ? tables.DealerCounters : ScopeRow(rowKey) is { } row ? tables.ScopeCounters(row.Scope, row.Month) : null;

    /// <summary>The rows the dealer table holds: one key range, the one its sync reads and compares.</summary>
    private static bool InDealerTable(string rowKey) =>
        string.CompareOrdinal(rowKey, DealerFrom) >= 0 && string.CompareOrdinal(rowKey, DealerUntil) < 0;

    private static bool IsFailureRow(string rowKey) => rowKey.StartsWith(CounterRows.FailurePrefix, StringComparison.Ordinal);

    /// <summary>
    /// A scope row's scope (as escaped in the key) and month: <c>{grain}|{scope}|{type}|{bucket}</c> for everyone
    /// (<c>*</c>), a region (<c>r:</c>) or a district (<c>t:</c>) — not a district's dealers' row (<c>k:</c>), read by key.
    /// </summary>
    private static (string Scope, string Month)? ScopeRow(string rowKey)
    {
        if (rowKey.Length < 4 || !ScopeGrains.Any(g => rowKey.StartsWith(g, StringComparison.Ordinal)))
        {
            return null;
        }

        var parts = rowKey.Split('|');
        return parts is [_, var scope, _, var bucket] && bucket.Length >= 8 && (scope == "*" || scope.StartsWith("r:", StringComparison.Ordinal) || scope.StartsWith("t:", StringComparison.Ordinal))
            ? (scope, bucket[..6])
            : null;
    }

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

    /// <summary>
    /// Writes what was kept if the interval has passed since the last write (the projector counting on) — and the
    /// failure tally's rows at once: an operator looks at the Failures page for a replay's or an archive's effect, and
    /// those rows change only when failures open or close, so copying them with their count costs a write only then.
    /// </summary>
    public Task WriteIfDueAsync(CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(options.CurrentValue.DealerCopySeconds);
        var now = clock.GetUtcNow();
        Func<string, bool>? only = null;
        lock (_pending)
        {
            if (now >= _writtenAt && now < _writtenAt + interval)
            {
                if (!_pending.Keys.Any(IsFailureRow))
                {
                    return Task.CompletedTask;
                }

                only = IsFailureRow;
            }
        }

        return WriteRowsAsync(only, cancellationToken); // outside the lock: it takes the lock again itself
    }

    /// <summary>Writes what was kept, now (before the counters' "as of" time moves); a failure leaves the copy marked behind.</summary>
    public Task WriteAsync(CancellationToken cancellationToken) => WriteRowsAsync(null, cancellationToken);

    private async Task WriteRowsAsync(Func<string, bool>? only, CancellationToken cancellationToken)
    {
        List<TableEntity> rows;
        lock (_pending)
        {
            if (_behind || _pending.Count == 0)
            {
                return; // behind: the next sync compares every row with its copy
            }

            rows = [.. _pending.Values.Where(r => only is null || only(r.RowKey))];
            if (only is null)
            {
                _pending.Clear();
                _writtenAt = clock.GetUtcNow();
            }
            else
            {
                rows.ForEach(r => _pending.Remove(r.RowKey));
            }
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

    /// <summary>When behind, makes the copy equal to the rows of record: every one that differs copied, any other removed.</summary>
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
            // The rows of record: one range per family (each a walk of the counter table on Azurite, once per lease taken).
            var rows = new List<TableEntity>();
            foreach (var (from, until) in ScopeGrains.Select(g => (g, g + "~")).Prepend((DealerFrom, DealerUntil)))
            {
                await foreach (var row in tables.Counters.QueryAsync<TableEntity>(Range(from, until), 1000, cancellationToken: cancellationToken))
                {
                    if (Holds(row.RowKey))
                    {
                        rows.Add(Copy(row));
                    }
                }
            }

            // What the copies hold: a row equal to its row of record stays as it is, so a process taking the lease over
            // a copy in step writes nothing (rewriting all ≈ 55,000 at every start kept Azurite busy through the first
            // minute of console pages after a restart at a million documents, session 21); a row of record gone (a
            // rebuild), or a copy in a table it does not belong to, is removed.
            var ofRecord = rows.DistinctBy(r => r.RowKey, StringComparer.Ordinal).ToDictionary(r => r.RowKey, StringComparer.Ordinal);
            var inStep = new HashSet<string>(StringComparer.Ordinal);
            var stray = new List<(TableClient Table, string RowKey)>();
            await foreach (var table in CopyTablesAsync(cancellationToken))
            {
                await foreach (var row in table.QueryAsync<TableEntity>(maxPerPage: 1000, cancellationToken: cancellationToken))
                {
                    if (!ofRecord.TryGetValue(row.RowKey, out var record) || TableOf(row.RowKey)!.Name != table.Name)
                    {
                        stray.Add((table, row.RowKey));
                    }
                    else if (Same(record, row))
                    {
                        inStep.Add(row.RowKey);
                    }
                }
            }

            await UpsertAsync(rows.Where(r => !inStep.Contains(r.RowKey)), cancellationToken);
            await Parallel.ForEachAsync(stray.GroupBy(s => s.Table.Name, StringComparer.Ordinal).SelectMany(g => g.Chunk(100)), Options(cancellationToken), async (chunk, ct) =>
                await chunk[0].Table.SubmitTransactionAsync(chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(CounterRows.Partition, k.RowKey), ETag.All)), ct));
        }
        catch
        {
            MarkBehind();
            throw;
        }
    }

    private static string Range(string from, string until) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {CounterRows.Partition} and RowKey ge {from} and RowKey lt {until}");

    /// <summary>The dealers' copy and every scope's month tables there are.</summary>
    private async IAsyncEnumerable<TableClient> CopyTablesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await tables.DealerCounters.CreateIfNotExistsAsync(cancellationToken);
        yield return tables.DealerCounters;
        var prefix = tables.ScopeCountersPrefix;
        await foreach (var table in tables.Service.QueryAsync(TableServiceClient.CreateQueryFilter($"TableName ge {prefix} and TableName lt {prefix + "~"}"), cancellationToken: cancellationToken))
        {
            if (table.Name.Length == prefix.Length + 16 && !table.Name.AsSpan(prefix.Length).ContainsAnyExcept(LowerHex))
            {
                yield return tables.Service.GetTableClient(table.Name); // only names this class makes: its strays are deleted
            }
        }
    }

    /// <summary>Rows replaced whole in their copy tables (a scope's month table made by its first row).</summary>
    public Task UpsertAsync(IEnumerable<TableEntity> rows, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            rows.Where(r => Holds(r.RowKey)).DistinctBy(r => r.RowKey, StringComparer.Ordinal).GroupBy(r => TableOf(r.RowKey)!.Name, StringComparer.Ordinal).SelectMany(g => g.Chunk(100)),
            Options(cancellationToken),
            async (chunk, ct) =>
            {
                var table = TableOf(chunk[0].RowKey)!;
                await EnsureAsync(table, ct);
                try
                {
                    await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), ct);
                }
                catch (RequestFailedException ex) when (ex.Status == 404)
                {
                    // Dropped since this process made it (a rebuild clears the copies): made again.
                    await table.CreateIfNotExistsAsync(ct);
                    await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), ct);
                }
            });

    private async Task EnsureAsync(TableClient table, CancellationToken cancellationToken)
    {
        var made = _created.GetOrAdd(table.Name, _ => table.CreateIfNotExistsAsync(cancellationToken));
        try
        {
            await made;
        }
        catch
        {
            _created.TryRemove(table.Name, out _); // tried again by the next write
            throw;
        }
    }

    private static ParallelOptions Options(CancellationToken cancellationToken) => new() { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken };

    /// <summary>Whether a copy holds exactly the row's counters (<paramref name="row"/> as <see cref="Copy"/> made it).</summary>
    private static bool Same(TableEntity row, TableEntity copy)
    {
        var counters = Copy(copy);
        return counters.Count == row.Count && row.All(p => counters.TryGetValue(p.Key, out var value) && Equals(value, p.Value));
    }

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
