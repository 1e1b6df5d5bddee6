using System.Globalization;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Sales;

/// <summary>
/// Answers HQ sales breakdowns from the rollups: month rows for monthly figures, day rows for daily ones, each read
/// once per shard (from memory while fresh), filtered and grouped in memory. The cost depends on the number of
/// periods and dealers × models, never on the number of RDRs. A stale row is read again only when its shard's version
/// has moved since it was read: while nothing is written, refreshing a year costs one version read per shard.
/// </summary>
public sealed class SalesFigures(ISalesRollupStore store, SalesRollupCache cache, IOptions<SalesOptions> options, TimeProvider clock)
{
    private readonly int _shards = options.Value.Shards;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(int, string), byte> _refreshing = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, (DateTimeOffset At, Task<string> Version)> _versions = new();

    // At most RefreshesInFlight rows re-read at a time: each re-read waits its turn in one of that many lanes.
    private readonly Task[] _lanes = Enumerable.Repeat(Task.CompletedTask, options.Value.RefreshesInFlight).ToArray();
    private int _nextLane;

    public async Task<SalesReport> QueryAsync(SalesQuery query, CancellationToken cancellationToken)
    {
        var periods = Periods(query).ToList();
        var current = await SumAsync(query, periods, cancellationToken);
        var lastYear = await SumAsync(query, periods.Select(p => p.AddYears(-1)).ToList(), cancellationToken);
        var rows = new List<SalesFigure>();
        foreach (var ((period, group), vector) in current.OrderBy(c => c.Key.Period, StringComparer.Ordinal).ThenBy(c => c.Key.Group, StringComparer.Ordinal))
        {
            var previous = lastYear.GetValueOrDefault((Shift(period, query.Granularity), group));
            rows.Add(new SalesFigure(period, Split(group), vector, previous is null ? 0 : previous[SalesVector.Sold] - previous[SalesVector.Unwound]));
        }

        // Groups that sold last year but not this year still matter to a comparison.
        foreach (var ((period, group), vector) in lastYear.Where(l => !current.ContainsKey((Unshift(l.Key.Period, query.Granularity), l.Key.Group))))
        {
            rows.Add(new SalesFigure(Unshift(period, query.Granularity), Split(group), SalesVector.Empty(), vector[SalesVector.Sold] - vector[SalesVector.Unwound]));
        }

        rows.Sort((a, b) => string.CompareOrdinal(a.Period + "\u0001" + string.Join('\u0001', a.Group), b.Period + "\u0001" + string.Join('\u0001', b.Group)));
        var total = SalesVector.Empty();
        rows.ForEach(r => SalesVector.Add(total, r.Vector));
        return new SalesReport(query, rows, new SalesFigure("total", [], total, rows.Sum(r => r.LastYearUnits)));
    }

    private static IEnumerable<DateOnly> Periods(SalesQuery query)
    {
        if (query.Granularity == SalesGranularity.Day)
        {
            for (var day = query.From; day <= query.To; day = day.AddDays(1))
            {
                yield return day;
            }

            yield break;
        }

        for (var month = new DateOnly(query.From.Year, query.From.Month, 1); month <= query.To; month = month.AddMonths(1))
        {
            yield return month;
        }
    }

    private async Task<Dictionary<(string Period, string Group), long[]>> SumAsync(SalesQuery query, IReadOnlyList<DateOnly> periods, CancellationToken cancellationToken)
    {
        var keys = periods.Select(p => (Period: Label(p, query.Granularity), Key: query.Granularity == SalesGranularity.Day ? SalesRowKeys.Day(query.Basis, p) : SalesRowKeys.Month(query.Basis, p))).ToList();
        var reads = keys.SelectMany(k => Enumerable.Range(0, _shards).Select(shard => (k.Period, Shard: shard, k.Key))).ToList();
        var rows = new SalesRollupCache.Entry[reads.Count];
        var missing = new List<int>();
        for (var i = 0; i < reads.Count; i++)
        {
            var (entry, stale) = cache.ForRead(reads[i].Shard, reads[i].Key);
            if (entry is null)
            {
                missing.Add(i);
                continue;
            }

            rows[i] = entry;
            if (stale)
            {
                Refresh(reads[i].Shard, entry);
            }
        }

        // The shards' versions first (a row is known current as of the version seen before it was read).
        var versions = (await Task.WhenAll(missing.Select(i => reads[i].Shard).Distinct().Select(async shard => (Shard: shard, (await VersionAsync(shard)).Version))))
            .ToDictionary(v => v.Shard, v => v.Version);
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, ct) =>
            rows[i] = cache.Put(reads[i].Shard, await store.GetRowAsync(reads[i].Shard, reads[i].Key, ct), versions[reads[i].Shard]));

        // Each row's sums for this query's shape are remembered on the row (until it changes), so a repeated breakdown
        // adds up partial sums instead of visiting every cell (a million RDRs are some 170,000 cells a year).
        var dimensions = query.GroupBy.ToArray();
        var filters = query.Filters.ToArray();
        var shape = string.Join('|', dimensions) + "#" + string.Join('|', filters.Select(f => f.Key + "=" + f.Value.ToUpperInvariant())) + "#" + query.Scope.Region?.ToUpperInvariant();
        var sums = new Dictionary<(string Period, SalesGroup Group), long[]>();
        for (var i = 0; i < reads.Count; i++)
        {
            foreach (var (group, vector) in rows[i].SumsFor(shape, entry => Sum(entry, query.Scope, filters, dimensions)))
            {
                if (!sums.TryGetValue((reads[i].Period, group), out var sum))
                {
                    sums[(reads[i].Period, group)] = sum = SalesVector.Empty();
                }

                SalesVector.Add(sum, vector);
            }
        }

        return sums.ToDictionary(s => (s.Key.Period, s.Key.Group.Join(dimensions.Length)), s => s.Value);
    }

    private static Dictionary<SalesGroup, long[]> Sum(SalesRollupCache.Entry entry, Dealers.HqScope scope, KeyValuePair<string, string>[] filters, string[] dimensions)
    {
        var sums = new Dictionary<SalesGroup, long[]>();
        foreach (var (cell, vector) in entry.Cells)
        {
            if (!scope.Covers(cell.Region) || !Passes(cell, filters))
            {
                continue;
            }

            var group = SalesGroup.Of(cell, dimensions);
            if (!sums.TryGetValue(group, out var sum))
            {
                sums[group] = sum = SalesVector.Empty();
            }

            SalesVector.Add(sum, vector);
        }

        return sums;
    }

    private static bool Passes(SalesCell cell, KeyValuePair<string, string>[] filters)
    {
        foreach (var (dimension, value) in filters)
        {
            if (!string.Equals(cell.Dimension(dimension), value, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Brings a stale row up to date in the background (one at a time per row, at most
    /// <see cref="SalesOptions.RefreshesInFlight"/> rows at a time); the query goes on with what it has.
    /// </summary>
    private void Refresh(int shard, SalesRollupCache.Entry entry)
    {
        if (!_refreshing.TryAdd((shard, entry.Row.Key), 0))
        {
            return;
        }

        var lane = (int)((uint)Interlocked.Increment(ref _nextLane) % (uint)_lanes.Length);
        lock (_lanes)
        {
            _lanes[lane] = _lanes[lane].ContinueWith(_ => RefreshAsync(shard, entry), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }
    }

    private async Task RefreshAsync(int shard, SalesRollupCache.Entry entry)
    {
        try
        {
            var (checkedAt, version) = await VersionAsync(shard);
            if (version == entry.Version)
            {
                cache.Renew(shard, entry, checkedAt);
            }
            else
            {
                cache.Put(shard, await store.GetRowAsync(shard, entry.Row.Key, CancellationToken.None), version);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Storage trouble: the cached row stays; the next query asks again.
        }
        finally
        {
            _refreshing.TryRemove((shard, entry.Row.Key), out _);
        }
    }

    /// <summary>
    /// The shard's version and when it was asked for: one read serves every row of the shard checked within a second
    /// (a refresh checks a year's rows together); a row renewed by it counts as current from when it was asked for.
    /// </summary>
    private async Task<(DateTimeOffset At, string Version)> VersionAsync(int shard)
    {
        var now = clock.GetUtcNow();
        var probe = _versions.AddOrUpdate(shard, _ => (now, store.GetVersionAsync(shard, CancellationToken.None)),
            (_, known) => now - known.At < VersionReuse && !known.Version.IsFaulted ? known : (now, store.GetVersionAsync(shard, CancellationToken.None)));
        return (probe.At, await probe.Version);
    }

    private static readonly TimeSpan VersionReuse = TimeSpan.FromSeconds(1);

    private static string[] Split(string group) => group.Length == 0 ? [] : group.Split('\u0001');

    private static string Label(DateOnly period, SalesGranularity granularity) =>
        period.ToString(granularity == SalesGranularity.Day ? "yyyy-MM-dd" : "yyyy-MM", CultureInfo.InvariantCulture);

    private static string Shift(string period, SalesGranularity granularity) => Label(Parse(period, granularity).AddYears(-1), granularity);

    private static string Unshift(string period, SalesGranularity granularity) => Label(Parse(period, granularity).AddYears(1), granularity);

    private static DateOnly Parse(string period, SalesGranularity granularity) =>
        DateOnly.ParseExact(granularity == SalesGranularity.Day ? period : period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
