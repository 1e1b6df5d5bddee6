using Dms.Hub.Dealers;
using Dms.Hub.Insights;

namespace Dms.Console.Internal;

/// <summary>
/// Where a drill-down URL points (region, district, dealer), checked against the dealers the user may see: a level
/// outside them — another region's, or one that does not exist — is null, so the page answers 404 either way. A
/// district or dealer given without its region takes it from its dealers.
/// </summary>
public sealed record HqPlace(string? Region, string? District, string? Dealer)
{
    /// <summary>The district of dealers registered without one (a level of its own, so they stay reachable).</summary>
    public const string NoDistrict = "(none)";

    public static string DistrictOf(Dealer dealer) => dealer.District is { Length: > 0 } district ? district : NoDistrict;

    public static HqPlace? Resolve(IReadOnlyList<Dealer> visible, ViewScope scope, string? region, string? district, string? dealer)
    {
        if (scope.Region is not null && region is not null && !Same(scope.Region, region))
        {
            return null;
        }

        var matching = visible.Where(d => (region is null || Same(d.Region, region)) && (district is null || Same(DistrictOf(d), district)) && (dealer is null || d.Code == dealer)).ToList();
        if ((region ?? district ?? dealer) is not null && matching.Count == 0)
        {
            return null;
        }

        var first = matching.FirstOrDefault();
        region = scope.Region ?? (region is not null || district is not null || dealer is not null ? first?.Region : null);
        district = district is not null || dealer is not null ? (first is null ? district : DistrictOf(first)) : null;
        return new HqPlace(region, district, dealer);
    }

    public bool Contains(Dealer dealer) =>
        (Region is null || Same(dealer.Region, Region)) && (District is null || Same(DistrictOf(dealer), District)) && (Dealer is null || dealer.Code == Dealer);

    public static string Link(string path, string? region, string? district, string? dealer, string? extra = null)
    {
        var query = new[] { ("region", region), ("district", district), ("dealer", dealer) }.Where(p => p.Item2 is not null)
            .Select(p => p.Item1 + "=" + Uri.EscapeDataString(p.Item2!)).Append(extra).OfType<string>().ToList();
        return query.Count == 0 ? path : path + "?" + string.Join('&', query);
    }

    private static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
