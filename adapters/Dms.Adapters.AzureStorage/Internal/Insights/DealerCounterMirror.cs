using Azure;
using Azure.Data.Tables;

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
/// <item>the projector writes each committed row's new values right after its transaction (<see cref="CounterTransactions"/>);</item>
/// <item>the bulk import and the rebuild write the summed rows to both tables;</item>
/// <item>a process that takes the projector lease anew, or whose copy write failed, copies every row of record over
/// (<see cref="SyncAsync"/>) before it counts again or marks the counters caught up — so a copy left behind by a crash
/// between the two writes is set right by the next projector, and the copy equals the rows whenever the counters'
/// "as of" time is passed.</item>
/// </list>
/// </remarks>
internal sealed class DealerCounterMirror(TableSet tables)
{
    private const string From = CounterRows.DealerGaugePrefix; // "G|": gauges, then health rows ("H|"): nothing else starts with G or H
    private const string Until = CounterRows.DealerHealthPrefix + "~";
    private const int Concurrency = 8;
    private static readonly string[] KeysOnly = ["PartitionKey", "RowKey"];

    // A process starts not knowing whether the last one copied everything it counted.
    private volatile bool _behind = true;

    public TableClient Table => tables.DealerCounters;

    /// <summary>Whether a row of record is copied here.</summary>
    public static bool Holds(string rowKey) =>
        rowKey.StartsWith(CounterRows.DealerHealthPrefix, StringComparison.Ordinal) || rowKey.StartsWith(CounterRows.DealerGaugePrefix, StringComparison.Ordinal);

    /// <summary>The copy may be behind its rows (a lease taken over, a failed write): copied whole before the next count.</summary>
    public void MarkBehind() => _behind = true;

    /// <summary>Copies committed rows (whole, so writing again is harmless); a failure leaves the copy marked behind.</summary>
    public async Task PutAsync(IEnumerable<TableEntity> committed, CancellationToken cancellationToken)
    {
        var rows = committed.Where(e => Holds(e.RowKey)).Select(Copy).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        try
        {
            await UpsertAsync(rows, cancellationToken);
        }
        catch
        {
            _behind = true;
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
        _behind = false; // first: a write failing meanwhile marks it behind again
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
            _behind = true;
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
