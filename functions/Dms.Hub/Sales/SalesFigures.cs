using System.Globalization;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Sales;

/// <summary>
/// Answers HQ sales breakdowns from the rollups: month rows for monthly figures, day rows for daily ones, each read
/// once per shard (from memory while fresh), filtered and grouped in memory. The cost depends on the number of
/// periods and dealers × models, never on the number of RDRs.
/// </summary>
public sealed class SalesFigures(ISalesRollupStore store, SalesRollupCache cache, IOptions<SalesOptions> options)
{
    private readonly int _shards = options.Value.Shards;

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
        var rows = new SalesRollupRow[reads.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, reads.Count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var (_, shard, key) = reads[i];
            rows[i] = cache.ForRead(shard, key) ?? await LoadAsync(shard, key, ct);
        });

        var sums = new Dictionary<(string, string), long[]>();
        for (var i = 0; i < reads.Count; i++)
        {
            foreach (var (cellKey, vector) in rows[i].Cells)
            {
                var cell = SalesCell.Parse(cellKey);
                if (!query.Scope.Covers(cell.Region) || query.Filters.Any(f => !string.Equals(cell.Dimension(f.Key), f.Value, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                var group = string.Join('\u0001', query.GroupBy.Select(cell.Dimension));
                if (!sums.TryGetValue((reads[i].Period, group), out var sum))
                {
                    sums[(reads[i].Period, group)] = sum = SalesVector.Empty();
                }

                SalesVector.Add(sum, vector);
            }
        }

        return sums;
    }

    private async Task<SalesRollupRow> LoadAsync(int shard, string key, CancellationToken cancellationToken)
    {
        var row = await store.GetRowAsync(shard, key, cancellationToken);
        cache.Put(shard, row);
        return row;
    }

    private static string[] Split(string group) => group.Length == 0 ? [] : group.Split('\u0001');

    private static string Label(DateOnly period, SalesGranularity granularity) =>
        period.ToString(granularity == SalesGranularity.Day ? "yyyy-MM-dd" : "yyyy-MM", CultureInfo.InvariantCulture);

    private static string Shift(string period, SalesGranularity granularity) => Label(Parse(period, granularity).AddYears(-1), granularity);

    private static string Unshift(string period, SalesGranularity granularity) => Label(Parse(period, granularity).AddYears(1), granularity);

    private static DateOnly Parse(string period, SalesGranularity granularity) =>
        DateOnly.ParseExact(granularity == SalesGranularity.Day ? period : period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
