using Dms.Hub.Dealers;
using Dms.Hub.Insights;

namespace Dms.Console.Internal;

/// <summary>
/// The HQ pages' drill-down: where the user stands (everything, a region, a dealer), the level below it, and each
/// one's counters for a document type — sums over a period and gauges now. Regional managers start at their region
/// and cannot leave it.
/// </summary>
public sealed class HqFigures(CounterReader counters, ConsoleDirectory directory, TimeProvider clock)
{
    public async Task<HqView?> ReadAsync(string documentType, ViewScope scope, string? region, string? dealer, int days, CancellationToken cancellationToken)
    {
        if (scope.Region is not null && region is not null && !string.Equals(scope.Region, region, StringComparison.OrdinalIgnoreCase))
        {
            return null; // another region, typed into the URL: the same answer as a region that does not exist
        }

        var dealers = await directory.DealersAsync(scope, cancellationToken);
        region = scope.Region ?? region;
        if ((region is not null && !dealers.Any(d => string.Equals(d.Region, region, StringComparison.OrdinalIgnoreCase)))
            || (dealer is not null && !dealers.Any(d => d.Code == dealer && (region is null || string.Equals(d.Region, region, StringComparison.OrdinalIgnoreCase)))))
        {
            return null; // a region or dealer the user may not see answers like one that does not exist
        }

        var until = CounterGrains.Floor(clock.GetUtcNow(), CounterGrain.Day).AddDays(1);
        var since = until.AddDays(-days);
        var current = dealer is not null ? CounterScope.ForDealer(dealer) : region is not null ? CounterScope.ForRegion(region) : CounterScope.All;
        var flow = await counters.SumAsync(current, CounterGrain.Day, documentType, since, until, cancellationToken);
        var now = (await counters.GaugesAsync(current, documentType, cancellationToken)).Values;
        var children = dealer is not null
            ? []
            : region is null
                ? await RegionsAsync(dealers, documentType, since, until, cancellationToken)
                : await DealersAsync(dealers.Where(d => string.Equals(d.Region, region, StringComparison.OrdinalIgnoreCase)).ToList(), documentType, since, until, cancellationToken);
        return new HqView(region, dealer, since, until, flow, now, children);
    }

    private async Task<IReadOnlyList<HqChild>> RegionsAsync(IReadOnlyList<Dealer> dealers, string type, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken) =>
        await Task.WhenAll(dealers.Select(d => d.Region).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).Select(async r =>
        {
            var scope = CounterScope.ForRegion(r);
            return new HqChild(r, r, null, await counters.SumAsync(scope, CounterGrain.Day, type, since, until, cancellationToken), (await counters.GaugesAsync(scope, type, cancellationToken)).Values);
        }));

    private async Task<IReadOnlyList<HqChild>> DealersAsync(IReadOnlyList<Dealer> dealers, string type, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var days = (await counters.DealerDaysAsync(since, until, cancellationToken)).Where(r => r.Key.DocumentType == type).GroupBy(r => r.Key.Scope.DealerCode!)
            .ToDictionary(g => g.Key, g => CounterReader.Sum(g), StringComparer.Ordinal);
        var gauges = (await counters.DealerGaugesAsync(cancellationToken)).Where(r => r.Key.DocumentType == type)
            .ToDictionary(r => r.Key.Scope.DealerCode!, r => r.Values, StringComparer.Ordinal);
        return dealers.Select(d => new HqChild(d.Code, d.Name, d.Code, days.GetValueOrDefault(d.Code) ?? [], gauges.GetValueOrDefault(d.Code) ?? new Dictionary<string, long>())).ToList();
    }
}

/// <summary>One level of the drill-down: its period sums (<see cref="Flow"/>), its gauges (<see cref="Now"/>) and the level below.</summary>
public sealed record HqView(string? Region, string? Dealer, DateTimeOffset Since, DateTimeOffset Until, IReadOnlyDictionary<string, long> Flow, IReadOnlyDictionary<string, long> Now, IReadOnlyList<HqChild> Children)
{
    public string Level => Dealer is not null ? $"dealer {Dealer}" : Region is not null ? $"region {Region}" : "all regions";
}

/// <param name="Dealer">Set when the child is a dealer (its link goes to that dealer's level).</param>
public sealed record HqChild(string Key, string Name, string? Dealer, IReadOnlyDictionary<string, long> Flow, IReadOnlyDictionary<string, long> Now)
{
    public long Get(string metric) => Flow.GetValueOrDefault(metric);

    public long Gauge(string metric) => Now.GetValueOrDefault(metric);
}
