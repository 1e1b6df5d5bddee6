using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Dms.Hub.Insights;

namespace Dms.Adapters.AzureStorage.Internal.Insights;

/// <summary>
/// Counters, receipts, leases and the watermark in the <c>insightscounts</c> table's one partition, so a document's
/// counter deltas and its receipt commit in one transaction (see <see cref="CounterTransactions"/>). The rows pages read
/// by range — the dealers' health rows and gauges, the scopes' hours and days — are read from their copies
/// (<see cref="CounterMirror"/>), which counting keeps in step.
/// </summary>
internal sealed class TableCounterStore(TableSet tables, CounterMirror mirror) : ICounterStore
{
    private const string WatermarkKey = "~watermark";
    private const int PointReadsInFlight = 16;
    private readonly CounterRowCache _rows = new();

    // The lease row as this process last wrote it (name, owner → ETag): renewing is then one conditional update.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Name, string Owner), ETag> _leases = new();

    private TableClient Table => tables.Counters;

    public async Task<IReadOnlyDictionary<string, ProjectionReceipt>> GetReceiptsAsync(CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {CounterRows.Partition} and RowKey ge {CounterRows.ReceiptPrefix} and RowKey lt {CounterRows.ReceiptEnd}");
        var receipts = new Dictionary<string, ProjectionReceipt>(StringComparer.Ordinal);
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var (receipt, applied) = ReceiptRows.FromEntity(entity);
            receipts[receipt.TrackingId] = applied.Count == 0 ? receipt : receipt with { Partial = applied };
        }

        return receipts;
    }

    public async Task<IReadOnlyList<ProjectionReceipt>> PutReceiptsAsync(IReadOnlyList<ProjectionReceipt> receipts, CancellationToken cancellationToken)
    {
        var stored = new List<ProjectionReceipt>();
        foreach (var chunk in receipts.Chunk(100))
        {
            var actions = chunk.Select(r => r.ETag is null
                ? new TableTransactionAction(TableTransactionActionType.Add, ReceiptRows.ToEntity(r, []))
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, ReceiptRows.ToEntity(r, []), new ETag(r.ETag))).ToList();
            var response = await Table.SubmitTransactionAsync(actions, cancellationToken);
            stored.AddRange(chunk.Select((r, i) => r with { ETag = response.Value[i].Headers.ETag!.Value.ToString(), Partial = null }));
        }

        return stored;
    }

    public async Task<IReadOnlyList<ProjectionReceipt>> CountAsync(IReadOnlyList<(ProjectionReceipt Receipt, IReadOnlyList<CounterDelta> Deltas)> changes, CancellationToken cancellationToken)
    {
        await mirror.SyncIfBehindAsync(cancellationToken);
        var counted = await new CounterTransactions(Table, _rows, mirror).CountAsync(changes, cancellationToken);
        await mirror.WriteIfDueAsync(cancellationToken);
        return counted;
    }

    /// <summary>
    /// Every type's range in one query: the ranges ORed inside the span from the first to the last (which bounds the
    /// rows a real table service walks), so Azurite — which scans the whole table for each query — scans it once; from
    /// the scope's copy, one query per month (<see cref="CounterMirror"/>: a scope's month is ≈ 3,800 rows, the counter
    /// table ≈ 55,000 at 30 days and growing).
    /// </summary>
    public async Task<IReadOnlyList<CounterRow>> ReadAsync(CounterScope scope, CounterGrain grain, IReadOnlyList<string> documentTypes, DateTimeOffset start, DateTimeOffset until, IReadOnlyCollection<string>? metrics, CancellationToken cancellationToken)
    {
        if (scope.DealerCode is not null)
        {
            return (await Task.WhenAll(documentTypes.Select(t => ReadDealerAsync(scope, t, start, until, cancellationToken)))).SelectMany(r => r).ToList();
        }

        var ranges = documentTypes.Distinct(StringComparer.Ordinal).Select(type =>
        {
            var prefix = CounterRows.Prefix(scope, grain, type);
            return (Type: type, Prefix: prefix, Lower: prefix + CounterRows.Bucket(grain, start), Upper: prefix + CounterRows.Bucket(grain, until.AddTicks(-1)) + "~");
        }).OrderBy(r => r.Lower, StringComparer.Ordinal).ToList();
        if (ranges.Count == 0)
        {
            return [];
        }

        var span = TableClient.CreateQueryFilter($"PartitionKey eq {CounterRows.Partition} and RowKey ge {ranges[0].Lower} and RowKey lt {ranges.Max(r => r.Upper)}");
        var filter = ranges.Count == 1 ? span
            : span + " and (" + string.Join(" or ", ranges.Select(r => "(" + TableClient.CreateQueryFilter($"RowKey ge {r.Lower} and RowKey lt {r.Upper}") + ")")) + ")";
        var rows = new List<CounterRow>();
        IEnumerable<TableClient> copies = mirror.TableOf(ranges[0].Lower) is null ? [Table] : Months(grain, start, until).Select(month => mirror.TableOf(ranges[0].Prefix + month)!);
        var read = await Task.WhenAll(copies.Select(table => ReadAllAsync(table, filter, Select(metrics), cancellationToken)));
        foreach (var entity in read.SelectMany(r => r))
        {
            var range = ranges.First(r => entity.RowKey.StartsWith(r.Prefix, StringComparison.Ordinal));
            var bucket = DateTime.ParseExact(entity.RowKey[range.Prefix.Length..], grain == CounterGrain.Hour ? "yyyyMMddHH" : "yyyyMMdd", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            rows.Add(new CounterRow(new CounterKey(scope, grain, range.Type, new DateTimeOffset(bucket, TimeSpan.Zero)), CounterRows.Values(entity)));
        }

        return rows;
    }

    /// <summary>The first bucket of each month from <paramref name="start"/>'s to the one before <paramref name="until"/> (as the copies' tables are named).</summary>
    private static IEnumerable<string> Months(CounterGrain grain, DateTimeOffset start, DateTimeOffset until)
    {
        var last = CounterRows.Bucket(grain, until.AddTicks(-1))[..6];
        var first = start.UtcDateTime;
        for (var month = new DateTimeOffset(first.Year, first.Month, 1, 0, 0, 0, TimeSpan.Zero); ; month = month.AddMonths(1))
        {
            var bucket = CounterRows.Bucket(grain, month);
            yield return bucket;
            if (string.CompareOrdinal(bucket[..6], last) >= 0)
            {
                yield break;
            }
        }
    }

    /// <summary>Every row of the query; none when the table is not there (a copy's month nothing was counted in).</summary>
    private static async Task<List<TableEntity>> ReadAllAsync(TableClient table, string filter, IEnumerable<string>? select, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        try
        {
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: select, cancellationToken: cancellationToken))
            {
                rows.Add(entity);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // no copy table for that month
        }

        return rows;
    }

    /// <summary>
    /// One dealer's days as point reads: its rows are keyed day first (all dealers of a day together), so a range over
    /// them would read every dealer's rows — and a range query costs Azurite time in proportion to the whole table.
    /// </summary>
    private async Task<IReadOnlyList<CounterRow>> ReadDealerAsync(CounterScope scope, string documentType, DateTimeOffset start, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var days = new List<DateTimeOffset>();
        for (var day = CounterGrains.Floor(start, CounterGrain.Day); day < until; day = day.AddDays(1))
        {
            days.Add(day);
        }

        var rows = await Task.WhenAll(days.Select(async day =>
        {
            var key = new CounterKey(scope, CounterGrain.Day, documentType, day);
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(CounterRows.Partition, CounterRows.RowKey(key), cancellationToken: cancellationToken);
            return row.HasValue ? new CounterRow(key, CounterRows.Values(row.Value!)) : null;
        }));
        return rows.OfType<CounterRow>().ToList();
    }

    public async Task<CounterRow> ReadGaugesAsync(CounterScope scope, string documentType, CancellationToken cancellationToken)
    {
        var key = new CounterKey(scope, CounterGrain.Gauge, documentType, DateTimeOffset.MinValue);
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(CounterRows.Partition, CounterRows.RowKey(key), cancellationToken: cancellationToken);
        return new CounterRow(key, row.HasValue ? CounterRows.Values(row.Value!) : new Dictionary<string, long>());
    }

    public async Task<IReadOnlyList<CounterRow>> GetAsync(IReadOnlyList<CounterKey> keys, CancellationToken cancellationToken)
    {
        var rows = new CounterRow?[keys.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, keys.Count), new ParallelOptions { MaxDegreeOfParallelism = PointReadsInFlight, CancellationToken = cancellationToken }, async (i, token) =>
        {
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(CounterRows.Partition, CounterRows.RowKey(keys[i]), cancellationToken: token);
            rows[i] = row.HasValue ? new CounterRow(keys[i], CounterRows.Values(row.Value!)) : null;
        });
        return rows.OfType<CounterRow>().ToList();
    }

    public Task<IReadOnlyList<CounterRow>> ReadDealerHealthAsync(DateTimeOffset start, DateTimeOffset until, CancellationToken cancellationToken) =>
        ReadDealerRowsAsync(CounterRows.DealerHealthPrefix + CounterRows.Bucket(CounterGrain.Week, CounterGrains.Floor(start, CounterGrain.Week)),
            CounterRows.DealerHealthPrefix + CounterRows.Bucket(CounterGrain.Week, until.AddTicks(-1)) + "~", null, cancellationToken);

    public Task<IReadOnlyList<CounterRow>> ReadDealerGaugesAsync(IReadOnlyCollection<string>? metrics, CancellationToken cancellationToken) =>
        ReadDealerRowsAsync(CounterRows.DealerGaugePrefix, CounterRows.DealerGaugePrefix + "~", metrics, cancellationToken);

    public async Task<LeaseOutcome> TryLeaseAsync(string name, string owner, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        var key = "~lease|" + name;
        var entity = new TableEntity(CounterRows.Partition, key) { ["Owner"] = owner, ["Until"] = (now + duration).UtcDateTime };
        try
        {
            if (_leases.TryGetValue((name, owner), out var mine))
            {
                // Unchanged since this process wrote it: nobody else took the lease meanwhile, so renewing needs no read.
                try
                {
                    _leases[(name, owner)] = (await Table.UpdateEntityAsync(entity, mine, TableUpdateMode.Replace, cancellationToken)).Headers.ETag!.Value;
                    return LeaseOutcome.Renewed;
                }
                catch (RequestFailedException ex) when (ex.Status is 404 or 412)
                {
                    _leases.TryRemove((name, owner), out _);
                }
            }

            // Taken anew or refused: someone else may have counted meanwhile (and stopped before copying), so what this
            // process kept for the dealers' copy may be older than the rows of record: dropped, the copy synced whole.
            mirror.MarkBehind();
            var current = await Table.GetEntityIfExistsAsync<TableEntity>(CounterRows.Partition, key, cancellationToken: cancellationToken);
            if (!current.HasValue)
            {
                _leases[(name, owner)] = (await Table.AddEntityAsync(entity, cancellationToken)).Headers.ETag!.Value;
                return LeaseOutcome.Taken;
            }

            var held = current.Value!;
            if (held.GetString("Owner") != owner && held.GetDateTimeOffset("Until") > now)
            {
                return LeaseOutcome.Refused;
            }

            _leases[(name, owner)] = (await Table.UpdateEntityAsync(entity, held.ETag, TableUpdateMode.Replace, cancellationToken)).Headers.ETag!.Value;
            return LeaseOutcome.Taken;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return LeaseOutcome.Refused;
        }
    }

    /// <summary>The failure tally, from its copy (beside the dealers' rows): a few hundred rows, where the counter table is walked whole by Azurite.</summary>
    public Task<IReadOnlyList<CounterRow>> ReadFailureTallyAsync(CancellationToken cancellationToken) =>
        ReadRowsAsync(mirror.DealerTable, CounterRows.FailurePrefix, CounterRows.FailurePrefix + "~", null, CounterRows.ParseFailureKey, cancellationToken);

    /// <summary>Every dealer's rows of a range, from their copy: a small table, where the counter table is walked whole by Azurite.</summary>
    private Task<IReadOnlyList<CounterRow>> ReadDealerRowsAsync(string lower, string upper, IReadOnlyCollection<string>? metrics, CancellationToken cancellationToken) =>
        ReadRowsAsync(mirror.DealerTable, lower, upper, metrics, CounterRows.ParseDealerKey, cancellationToken);

    private Task<IReadOnlyList<CounterRow>> ReadRowsAsync(string lower, string upper, IReadOnlyCollection<string>? metrics, Func<string, CounterKey> parse, CancellationToken cancellationToken) =>
        ReadRowsAsync(Table, lower, upper, metrics, parse, cancellationToken);

    /// <summary>A range of rows; only the columns of <paramref name="metrics"/> when given (Azurite sends far less).</summary>
    private static async Task<IReadOnlyList<CounterRow>> ReadRowsAsync(TableClient table, string lower, string upper, IReadOnlyCollection<string>? metrics, Func<string, CounterKey> parse, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {CounterRows.Partition} and RowKey ge {lower} and RowKey lt {upper}");
        var rows = new List<CounterRow>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: Select(metrics), cancellationToken: cancellationToken))
        {
            rows.Add(new CounterRow(parse(entity.RowKey), CounterRows.Values(entity)));
        }

        return rows;
    }

    private static List<string>? Select(IReadOnlyCollection<string>? metrics) => metrics?.Select(CounterRows.Column).Append("RowKey").ToList();

    public async Task<DateTimeOffset?> GetWatermarkAsync(CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(CounterRows.Partition, WatermarkKey, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetDateTimeOffset("At") : null;
    }

    /// <summary>
    /// The counters are caught up to <paramref name="at"/>: the dealers' copy is brought up to them first (copied whole
    /// when it may be behind, else what was counted since its last write), so it too holds everything counted by then.
    /// </summary>
    public async Task SetWatermarkAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        await mirror.SyncIfBehindAsync(cancellationToken);
        await mirror.WriteAsync(cancellationToken);
        await Table.UpsertEntityAsync(new TableEntity(CounterRows.Partition, WatermarkKey) { ["At"] = at.UtcDateTime }, TableUpdateMode.Replace, cancellationToken);
    }
}
