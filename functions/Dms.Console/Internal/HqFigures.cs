using Dms.Hub.Dealers;
using Dms.Hub.Insights;

namespace Dms.Console.Internal;

/// <summary>
/// The HQ pages' drill-down: where the user stands (everything, a region, a district, a dealer), the level below it,
/// and each one's counters for a document type — sums over a period and gauges now, each level from its own counter
/// rows (a dealer's by point reads). Regional managers start at their region and cannot leave it: another region,
/// district or dealer typed into the URL answers as one that does not exist.
/// </summary>
public sealed class HqFigures(CounterReader counters, ConsoleDirectory directory, TimeProvider clock)
{
    public async Task<HqView?> ReadAsync(string documentType, ViewScope scope, string? region, string? district, string? dealer, int days, CancellationToken cancellationToken)
    {
        var visible = await directory.DealersAsync(scope, cancellationToken);
        var at = HqPlace.Resolve(visible, scope, region, district, dealer);
        if (at is null)
        {
            return null;
        }

        var until = CounterGrains.Floor(clock.GetUtcNow(), CounterGrain.Day).AddDays(1);
        var since = until.AddDays(-days);
        var within = visible.Where(at.Contains).ToList();
        IReadOnlyList<HqChild> children = [];
        var current = at.Dealer is not null ? CounterScope.ForDealer(at.Dealer) : at.District is not null ? CounterScope.ForDistrict(at.District)
            : at.Region is not null ? CounterScope.ForRegion(at.Region) : CounterScope.All;
        var (flow, now) = at.District == HqPlace.NoDistrict && at.Dealer is null
            ? await SumOfDealersAsync(within, documentType, since, until, cancellationToken)
            : await FiguresAsync(current, documentType, since, until, cancellationToken);
        if (at.Region is null)
        {
            children = await ChildrenAsync(within.Select(d => d.Region), HqLevel.Region, CounterScope.ForRegion, documentType, since, until, cancellationToken);
        }
        else if (at.District is null)
        {
            children = await ChildrenAsync(within.Select(HqPlace.DistrictOf), HqLevel.District, CounterScope.ForDistrict, documentType, since, until, cancellationToken);
            if (children.Any(c => c.Key == HqPlace.NoDistrict))
            {
                var (rest, restNow) = await SumOfDealersAsync(within.Where(d => HqPlace.DistrictOf(d) == HqPlace.NoDistrict).ToList(), documentType, since, until, cancellationToken);
                children = children.Select(c => c.Key == HqPlace.NoDistrict ? c with { Flow = rest, Now = restNow } : c).ToList();
            }
        }
        else if (at.Dealer is null)
        {
            // A district's dealers, each by point reads of its own rows: a range over dealer rows would read every dealer's.
            children = await Task.WhenAll(within.Select(async d =>
            {
                var (dealerFlow, dealerNow) = await FiguresAsync(CounterScope.ForDealer(d.Code), documentType, since, until, cancellationToken);
                return new HqChild(d.Code, d.Name, HqLevel.Dealer, dealerFlow, dealerNow);
            }));
        }

        return new HqView(at.Region, at.District, at.Dealer, since, until, flow, now, children);
    }

    private async Task<(IReadOnlyDictionary<string, long> Flow, IReadOnlyDictionary<string, long> Now)> FiguresAsync(CounterScope scope, string type, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var flow = counters.SumAsync(scope, CounterGrain.Day, type, since, until, cancellationToken);
        var now = counters.GaugesAsync(scope, type, cancellationToken);
        return (await flow, (await now).Values);
    }

    /// <summary>Regions or districts: each one's own counter rows.</summary>
    private async Task<IReadOnlyList<HqChild>> ChildrenAsync(IEnumerable<string> keys, HqLevel level, Func<string, CounterScope> scope, string type, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken) =>
        await Task.WhenAll(keys.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).Select(async key =>
        {
            var (flow, now) = await FiguresAsync(scope(key), type, since, until, cancellationToken);
            return new HqChild(key, key, level, flow, now);
        }));

    /// <summary>Dealers registered without a district have no district rows: their own rows, summed.</summary>
    private async Task<(IReadOnlyDictionary<string, long> Flow, IReadOnlyDictionary<string, long> Now)> SumOfDealersAsync(IReadOnlyList<Dealer> dealers, string type, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var figures = await DealerFiguresAsync(dealers, type, since, until, cancellationToken);
        return (Add(figures.Select(f => f.Flow)), Add(figures.Select(f => f.Now)));
    }

    private static Dictionary<string, long> Add(IEnumerable<IReadOnlyDictionary<string, long>> figures)
    {
        var sum = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (metric, value) in figures.SelectMany(f => f))
        {
            sum[metric] = sum.GetValueOrDefault(metric) + value;
        }

        return sum;
    }

    /// <summary>Each dealer's period sums and gauges: two reads of the dealer rows, however many dealers.</summary>
    private async Task<List<(Dealer Dealer, IReadOnlyDictionary<string, long> Flow, IReadOnlyDictionary<string, long> Now)>> DealerFiguresAsync(
        IReadOnlyList<Dealer> dealers, string type, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var days = (await counters.DealerDaysAsync(since, until, cancellationToken)).Where(r => r.Key.DocumentType == type).GroupBy(r => r.Key.Scope.DealerCode!)
            .ToDictionary(g => g.Key, g => CounterReader.Sum(g), StringComparer.Ordinal);
        var gauges = (await counters.DealerGaugesAsync(cancellationToken)).Where(r => r.Key.DocumentType == type)
            .ToDictionary(r => r.Key.Scope.DealerCode!, r => r.Values, StringComparer.Ordinal);
        return dealers.Select(d => (d, days.GetValueOrDefault(d.Code) ?? (IReadOnlyDictionary<string, long>)new Dictionary<string, long>(),
            gauges.GetValueOrDefault(d.Code) ?? new Dictionary<string, long>())).ToList();
    }
}

/// <summary>The levels of the drill-down, top to bottom.</summary>
public enum HqLevel
{
    Region,
    District,
    Dealer,
}

/// <summary>One level of the drill-down: its period sums (<see cref="Flow"/>), its gauges (<see cref="Now"/>) and the level below.</summary>
public sealed record HqView(string? Region, string? District, string? Dealer, DateTimeOffset Since, DateTimeOffset Until, IReadOnlyDictionary<string, long> Flow, IReadOnlyDictionary<string, long> Now, IReadOnlyList<HqChild> Children)
{
    public string Level => Dealer is not null ? $"dealer {Dealer}" : District is not null ? $"district {District}" : Region is not null ? $"region {Region}" : "all regions";

    /// <summary>What the level below is called (Region, District, Dealer).</summary>
    public string ChildHeading => Region is null ? "Region" : District is null ? "District" : "Dealer";

    /// <summary>The page's URL at this level (<paramref name="extra"/> appended, e.g. <c>days=30</c>).</summary>
    public string Link(string path, string? extra = null) => HqPlace.Link(path, Region, District, Dealer, extra);

    /// <summary>The page's URL one level down, at <paramref name="child"/>.</summary>
    public string Link(string path, HqChild child, string? extra = null) => child.Level switch
    {
        HqLevel.Region => HqPlace.Link(path, child.Key, null, null, extra),
        HqLevel.District => HqPlace.Link(path, Region, child.Key, null, extra),
        _ => HqPlace.Link(path, Region, District, child.Key, extra),
    };
}

/// <param name="Level">What the child is: a region, a district or a dealer (its key is then the dealer code).</param>
public sealed record HqChild(string Key, string Name, HqLevel Level, IReadOnlyDictionary<string, long> Flow, IReadOnlyDictionary<string, long> Now)
{
    public string? Dealer => Level == HqLevel.Dealer ? Key : null;

    public long Get(string metric) => Flow.GetValueOrDefault(metric);

    public long Gauge(string metric) => Now.GetValueOrDefault(metric);
}
