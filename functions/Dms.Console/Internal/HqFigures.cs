using Dms.Hub.Dealers;
using Dms.Hub.Insights;

namespace Dms.Console.Internal;

/// <summary>
/// The HQ pages' drill-down: where the user stands (everything, a region, a district, a dealer), the level below it,
/// and each one's counters for a document type — sums over a period and gauges now, each level from its own counter
/// rows, all of a page's by point reads of whole four weeks, weeks and the days at either end (<see cref="CounterReader.SumsAsync"/>),
/// never a range read over the counter table; a district's dealers from the district's rows that hold them side by side
/// (<see cref="DistrictDealerRows"/>). Regional managers start at their region and cannot leave it: another region,
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
        var current = at.Dealer is not null ? CounterScope.ForDealer(at.Dealer) : at.District is not null ? CounterScope.ForDistrict(at.District)
            : at.Region is not null ? CounterScope.ForRegion(at.Region) : CounterScope.All;

        // A district's dealers side by side in its own rows (≈ 12 reads for all of them, not ≈ 12 each); null for
        // dealers without a district, types without such rows, or a row too wide to keep (then each dealer's rows).
        var side = at.Dealer is null && at.District is { } inDistrict && inDistrict != HqPlace.NoDistrict && DistrictDealerRows.Kept(documentType)
            ? await counters.DistrictDealersAsync(inDistrict, documentType, since, until, cancellationToken)
            : null;

        // The level and the one below it: each place is its own scopes' rows (dealers registered without a district
        // have no district rows, so that "district" is its dealers' rows added up).
        var places = new List<(string Key, string Name, HqLevel Level, IReadOnlyList<CounterScope> Scopes)>();
        if (at.Dealer is null && at.Region is null)
        {
            places.AddRange(Keys(within.Select(d => d.Region)).Select(r => (r, r, HqLevel.Region, (IReadOnlyList<CounterScope>)[CounterScope.ForRegion(r)])));
        }
        else if (at.Dealer is null && at.District is null)
        {
            places.AddRange(Keys(within.Select(HqPlace.DistrictOf)).Select(t => (t, t, HqLevel.District, (IReadOnlyList<CounterScope>)DistrictScopes(t, within))));
        }
        else if (at.Dealer is null)
        {
            places.AddRange(within.Select(d => (d.Code, d.Name, HqLevel.Dealer, side is null ? (IReadOnlyList<CounterScope>)[CounterScope.ForDealer(d.Code)] : [])));
        }

        IReadOnlyList<CounterScope> own = at.District == HqPlace.NoDistrict && at.Dealer is null ? DistrictScopes(HqPlace.NoDistrict, within) : [current];
        var scopes = own.Concat(places.SelectMany(p => p.Scopes)).Distinct().ToList();
        var flows = counters.SumsAsync(scopes, documentType, since, until, cancellationToken);
        var gauges = await counters.GaugesAsync(scopes, documentType, cancellationToken);
        var figures = scopes.Zip(await flows, gauges).ToDictionary(x => x.First, x => (Flow: x.Second, Now: x.Third));
        (IReadOnlyDictionary<string, long> Flow, IReadOnlyDictionary<string, long> Now) Of(IReadOnlyList<CounterScope> of) =>
            (Add(of.Select(s => figures[s].Flow)), Add(of.Select(s => figures[s].Now)));
        var (flow, now) = Of(own);
        var children = places.Select(p =>
        {
            var (childFlow, childNow) = side is { } rows && p.Level == HqLevel.Dealer ? (Dealer(rows.Flow, p.Key), Dealer(rows.Now, p.Key)) : Of(p.Scopes);
            return new HqChild(p.Key, p.Name, p.Level, childFlow, childNow);
        }).ToList();
        return new HqView(at.Region, at.District, at.Dealer, since, until, flow, now, children);
    }

    private static Dictionary<string, long> Dealer(Dictionary<string, Dictionary<string, long>> figures, string dealer) =>
        figures.TryGetValue(dealer, out var found) ? found : new Dictionary<string, long>();

    private static IEnumerable<string> Keys(IEnumerable<string> keys) => keys.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase);

    /// <summary>A district's own rows; for dealers registered without one, each dealer's rows.</summary>
    private static List<CounterScope> DistrictScopes(string district, IEnumerable<Dealer> dealers) => district == HqPlace.NoDistrict
        ? dealers.Where(d => HqPlace.DistrictOf(d) == HqPlace.NoDistrict).Select(d => CounterScope.ForDealer(d.Code)).ToList()
        : [CounterScope.ForDistrict(district)];

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
