using Dms.Hub.Dealers;
using Dms.Hub.Insights;

namespace Dms.Console.Internal;

/// <summary>
/// The HQ pages' drill-down: where the user stands (everything, a region, a district, a dealer), the level below it,
/// and each one's counters for a document type — sums over a period and gauges now. Everything and regions read their
/// own counter rows; a district is the sum of its dealers' rows. Regional managers start at their region and cannot
/// leave it: another region, district or dealer typed into the URL answers as one that does not exist.
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
        IReadOnlyList<HqChild> children;
        IReadOnlyDictionary<string, long> flow, now;
        if (at.District is null && at.Dealer is null)
        {
            var current = at.Region is not null ? CounterScope.ForRegion(at.Region) : CounterScope.All;
            flow = await counters.SumAsync(current, CounterGrain.Day, documentType, since, until, cancellationToken);
            now = (await counters.GaugesAsync(current, documentType, cancellationToken)).Values;
            children = at.Region is null
                ? await RegionsAsync(within, documentType, since, until, cancellationToken)
                : Group(await DealerFiguresAsync(within, documentType, since, until, cancellationToken), d => d.District ?? "(none)", HqLevel.District);
        }
        else
        {
            var dealers = await DealerFiguresAsync(within, documentType, since, until, cancellationToken);
            flow = Add(dealers.Select(d => d.Flow));
            now = Add(dealers.Select(d => d.Now));
            children = at.Dealer is null ? dealers.Select(d => new HqChild(d.Dealer.Code, d.Dealer.Name, HqLevel.Dealer, d.Flow, d.Now)).ToList() : [];
        }

        return new HqView(at.Region, at.District, at.Dealer, since, until, flow, now, children);
    }

    private async Task<IReadOnlyList<HqChild>> RegionsAsync(IReadOnlyList<Dealer> dealers, string type, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken) =>
        await Task.WhenAll(dealers.Select(d => d.Region).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).Select(async r =>
        {
            var scope = CounterScope.ForRegion(r);
            return new HqChild(r, r, HqLevel.Region, await counters.SumAsync(scope, CounterGrain.Day, type, since, until, cancellationToken), (await counters.GaugesAsync(scope, type, cancellationToken)).Values);
        }));

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

    private static List<HqChild> Group(List<(Dealer Dealer, IReadOnlyDictionary<string, long> Flow, IReadOnlyDictionary<string, long> Now)> dealers, Func<Dealer, string> key, HqLevel level) =>
        dealers.GroupBy(d => key(d.Dealer), StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => new HqChild(g.Key, g.Key, level, Add(g.Select(d => d.Flow)), Add(g.Select(d => d.Now)))).ToList();

    private static Dictionary<string, long> Add(IEnumerable<IReadOnlyDictionary<string, long>> figures)
    {
        var sum = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (metric, value) in figures.SelectMany(f => f))
        {
            sum[metric] = sum.GetValueOrDefault(metric) + value;
        }

        return sum;
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
