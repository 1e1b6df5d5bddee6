namespace Dms.Hub.Insights;

/// <summary>Sums of counter rows over periods, and the time they are counted up to.</summary>
public sealed class CounterReader(ICounterStore store)
{
    public Task<IReadOnlyList<CounterRow>> RowsAsync(CounterScope scope, CounterGrain grain, string documentType, DateTimeOffset start, DateTimeOffset until, CancellationToken cancellationToken) =>
        RowsAsync(scope, grain, [documentType], start, until, null, cancellationToken);

    /// <summary>The rows of several types at once (one query: every range query costs Azurite a scan of the counter table).</summary>
    public async Task<IReadOnlyList<CounterRow>> RowsAsync(CounterScope scope, CounterGrain grain, IReadOnlyList<string> documentTypes, DateTimeOffset start, DateTimeOffset until, IReadOnlyCollection<string>? metrics, CancellationToken cancellationToken)
    {
        var effective = grain == CounterGrain.Hour && !scope.Hourly ? CounterGrain.Day : grain;
        return await store.ReadAsync(scope, effective, documentTypes, CounterGrains.Floor(start, effective), until, metrics, cancellationToken);
    }

    /// <summary>
    /// Each metric's sum over the buckets of <paramref name="grain"/> that start in [<paramref name="start"/>, <paramref name="until"/>).
    /// Days are read as point reads of whole four weeks, weeks and the days at either end (<see cref="CounterGrains.Cover"/>):
    /// a range read costs Azurite a scan of the whole counter table, a point read does not.
    /// </summary>
    public Task<IReadOnlyDictionary<string, long>> SumAsync(CounterScope scope, CounterGrain grain, string documentType, DateTimeOffset start, DateTimeOffset until, CancellationToken cancellationToken) =>
        SumAsync(scope, grain, documentType, start, until, null, cancellationToken);

    /// <summary>As <see cref="SumAsync(CounterScope, CounterGrain, string, DateTimeOffset, DateTimeOffset, CancellationToken)"/>; hours read only the counters of <paramref name="metrics"/>.</summary>
    public async Task<IReadOnlyDictionary<string, long>> SumAsync(CounterScope scope, CounterGrain grain, string documentType, DateTimeOffset start, DateTimeOffset until, IReadOnlyCollection<string>? metrics, CancellationToken cancellationToken) =>
        grain == CounterGrain.Day || (grain == CounterGrain.Hour && !scope.Hourly)
            ? (await SumsAsync([scope], documentType, start, until, cancellationToken))[0]
            : Sum(await RowsAsync(scope, grain, [documentType], start, until, metrics, cancellationToken));

    /// <summary>Each scope's sums over the days that start in [<paramref name="start"/>, <paramref name="until"/>), all by point reads at once.</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, long>>> SumsAsync(IReadOnlyList<CounterScope> scopes, string documentType, DateTimeOffset start, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var cover = CounterGrains.Cover(start, until);
        var keys = scopes.SelectMany(scope => cover.Select(b => new CounterKey(scope, b.Grain, documentType, b.Bucket))).ToList();
        var rows = (await store.GetAsync(keys, cancellationToken)).ToLookup(r => r.Key.Scope);
        return scopes.Select(scope => (IReadOnlyDictionary<string, long>)Sum(rows[scope])).ToList();
    }

    /// <summary>
    /// Each dealer's sums over the days in [<paramref name="start"/>, <paramref name="until"/>) and gauges, of the metrics
    /// a district's dealers' rows keep (<see cref="DistrictDealerRows"/>), by point reads of the district's rows at once;
    /// null when one of them outgrew its columns (then read each dealer's own rows).
    /// </summary>
    public async Task<(Dictionary<string, Dictionary<string, long>> Flow, Dictionary<string, Dictionary<string, long>> Now)?> DistrictDealersAsync(string district, string documentType, DateTimeOffset start, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var scope = DistrictDealerRows.Of(district);
        var keys = CounterGrains.Cover(start, until).Select(b => new CounterKey(scope, b.Grain, documentType, b.Bucket))
            .Append(new CounterKey(scope, CounterGrain.Gauge, documentType, DateTimeOffset.MinValue)).ToList();
        var rows = await store.GetAsync(keys, cancellationToken);
        var flow = DistrictDealerRows.ByDealer(rows.Where(r => r.Key.Grain != CounterGrain.Gauge));
        var now = DistrictDealerRows.ByDealer(rows.Where(r => r.Key.Grain == CounterGrain.Gauge));
        return flow is null || now is null ? null : (flow, now);
    }

    /// <summary>The gauges of each scope, by point reads at once.</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, long>>> GaugesAsync(IReadOnlyList<CounterScope> scopes, string documentType, CancellationToken cancellationToken)
    {
        var rows = (await store.GetAsync(scopes.Select(s => new CounterKey(s, CounterGrain.Gauge, documentType, DateTimeOffset.MinValue)).ToList(), cancellationToken))
            .ToDictionary(r => r.Key.Scope);
        return scopes.Select(s => rows.TryGetValue(s, out var row) ? row.Values : new Dictionary<string, long>()).ToList();
    }

    public Task<CounterRow> GaugesAsync(CounterScope scope, string documentType, CancellationToken cancellationToken) => store.ReadGaugesAsync(scope, documentType, cancellationToken);

    public Task<DateTimeOffset?> AsOfAsync(CancellationToken cancellationToken) => store.GetWatermarkAsync(cancellationToken);

    /// <summary>Every dealer's health rows of the weeks that hold [<paramref name="start"/>, <paramref name="until"/>).</summary>
    public Task<IReadOnlyList<CounterRow>> DealerHealthAsync(DateTimeOffset start, DateTimeOffset until, CancellationToken cancellationToken) => store.ReadDealerHealthAsync(start, until, cancellationToken);

    /// <summary>One dealer's health rows of the weeks that hold [<paramref name="start"/>, <paramref name="until"/>), by point reads.</summary>
    public Task<IReadOnlyList<CounterRow>> DealerHealthAsync(string dealer, DateTimeOffset start, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var weeks = new List<CounterKey>();
        for (var week = CounterGrains.Floor(start, CounterGrain.Week); week < until; week = week.AddDays(7))
        {
            weeks.Add(new CounterKey(CounterScope.ForDealer(dealer), CounterGrain.Week, FactsDiff.AllTypes, week));
        }

        return store.GetAsync(weeks, cancellationToken);
    }

    public Task<IReadOnlyList<CounterRow>> DealerGaugesAsync(IReadOnlyCollection<string>? metrics, CancellationToken cancellationToken) => store.ReadDealerGaugesAsync(metrics, cancellationToken);

    public static Dictionary<string, long> Sum(IEnumerable<CounterRow> rows)
    {
        var sum = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (metric, value) in rows.SelectMany(r => r.Values))
        {
            sum[metric] = sum.GetValueOrDefault(metric) + value;
        }

        return sum;
    }
}
