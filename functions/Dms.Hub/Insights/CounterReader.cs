namespace Dms.Hub.Insights;

/// <summary>Sums of counter rows over periods, and the time they are counted up to.</summary>
public sealed class CounterReader(ICounterStore store)
{
    public async Task<IReadOnlyList<CounterRow>> RowsAsync(CounterScope scope, CounterGrain grain, string documentType, DateTimeOffset start, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var effective = grain == CounterGrain.Hour && !scope.Hourly ? CounterGrain.Day : grain;
        return await store.ReadAsync(scope, effective, documentType, CounterGrains.Floor(start, effective), until, cancellationToken);
    }

    /// <summary>Each metric's sum over [<paramref name="start"/>, <paramref name="until"/>).</summary>
    public async Task<IReadOnlyDictionary<string, long>> SumAsync(CounterScope scope, CounterGrain grain, string documentType, DateTimeOffset start, DateTimeOffset until, CancellationToken cancellationToken) =>
        Sum(await RowsAsync(scope, grain, documentType, start, until, cancellationToken));

    public Task<CounterRow> GaugesAsync(CounterScope scope, string documentType, CancellationToken cancellationToken) => store.ReadGaugesAsync(scope, documentType, cancellationToken);

    public Task<DateTimeOffset?> AsOfAsync(CancellationToken cancellationToken) => store.GetWatermarkAsync(cancellationToken);

    public Task<IReadOnlyList<CounterRow>> DealerDaysAsync(DateTimeOffset start, DateTimeOffset until, CancellationToken cancellationToken) => store.ReadDealerDaysAsync(start, until, cancellationToken);

    public Task<IReadOnlyList<CounterRow>> DealerGaugesAsync(CancellationToken cancellationToken) => store.ReadDealerGaugesAsync(cancellationToken);

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
