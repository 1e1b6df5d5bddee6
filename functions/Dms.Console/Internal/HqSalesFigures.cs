using Dms.Hub.Dealers;
using Dms.Hub.Sales;

namespace Dms.Console.Internal;

/// <summary>
/// The console's sales page over issue 12's HQ figures (<see cref="SalesFigures"/>, the same rollups as
/// <c>GET /api/v1/hq/sales</c>): the level asked for (all → region → district → dealer), checked against the user's
/// region like a click, and the few breakdowns the page shows.
/// </summary>
public sealed class HqSalesFigures(SalesFigures figures, ConsoleDirectory directory, TimeProvider clock)
{
    public const int MaxLateReporters = 10;

    /// <summary>Null when the region, district or dealer does not exist or lies outside the user's region (the page answers 404).</summary>
    public async Task<HqSalesView?> ReadAsync(ConsoleUser user, string? region, string? district, string? dealer, CancellationToken cancellationToken)
    {
        var visible = await directory.DealersAsync(user.Scope, cancellationToken);
        var filters = new Dictionary<string, string>(StringComparer.Ordinal);
        var crumbs = new List<(string, string, bool)>();
        Dealer? one = null;
        if (dealer is not null)
        {
            one = visible.FirstOrDefault(d => d.Code == dealer);
            if (one is null)
            {
                return null;
            }

            (region, district) = (one.Region, one.District);
        }

        if (region is not null && !visible.Any(d => string.Equals(d.Region, region, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        if (district is not null && !visible.Any(d => string.Equals(d.Region, region, StringComparison.OrdinalIgnoreCase) && string.Equals(d.District, district, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var level = one is not null ? 3 : district is not null ? 2 : region is not null ? 1 : 0;
        if (region is not null)
        {
            filters[SalesDimensions.Region] = region;
            crumbs.Add((region, Link(region, null, null), level == 1));
        }

        if (district is not null)
        {
            filters[SalesDimensions.District] = district;
            crumbs.Add((district, Link(region, district, null), level == 2));
        }

        if (one is not null)
        {
            filters[SalesDimensions.Dealer] = one.Code;
            crumbs.Add(($"{one.Code} {one.Name}", Link(region, district, one.Code), true));
        }

        var scope = new HqScope(user.Id, user.Scope.Region);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var childDimension = level switch { 0 => SalesDimensions.Region, 1 => SalesDimensions.District, 2 => SalesDimensions.Dealer, _ => null };
        SalesQuery Query(SalesGranularity granularity, string[] groupBy, DateOnly from, DateOnly to) => new(SalesDimensions.SaleBasis, granularity, groupBy, from, to, filters, scope);
        var daily = figures.QueryAsync(Query(SalesGranularity.Day, [SalesDimensions.SaleType], today.AddDays(-29), today), cancellationToken);
        var monthly = figures.QueryAsync(Query(SalesGranularity.Month, [], thisMonth.AddMonths(-11), thisMonth.AddMonths(1).AddDays(-1)), cancellationToken);
        var children = childDimension is null ? null : figures.QueryAsync(Query(SalesGranularity.Month, [childDimension], thisMonth.AddMonths(-11), thisMonth.AddMonths(1).AddDays(-1)), cancellationToken);
        var models = figures.QueryAsync(Query(SalesGranularity.Month, [SalesDimensions.Model], thisMonth.AddMonths(-11), thisMonth.AddMonths(1).AddDays(-1)), cancellationToken);
        var dealers = figures.QueryAsync(Query(SalesGranularity.Day, [SalesDimensions.Dealer], today.AddDays(-29), today), cancellationToken);
        await Task.WhenAll(new Task[] { daily, monthly, models, dealers }.Concat(children is null ? [] : [children]));

        var months = Enumerable.Range(0, 12).Select(i => thisMonth.AddMonths(i - 11).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var monthReport = await monthly;
        var monthRows = months.Select(m => monthReport.Rows.FirstOrDefault(r => r.Period == m) ?? new SalesFigure(m, [], SalesVector.Empty(), 0)).ToList();
        var late = ByGroup((await dealers).Rows).Where(r => r.Lag.Skip(4).Sum() > 0).OrderByDescending(r => r.Lag.Skip(4).Sum()).ThenBy(r => r.Group[0], StringComparer.Ordinal).Take(MaxLateReporters).ToList();
        return new HqSalesView(level, region, district, one?.Code, crumbs, thisMonth.AddMonths(-11), childDimension,
            Enumerable.Range(0, 30).Select(i => today.AddDays(i - 29).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            await daily, new SalesReport(monthReport.Query, monthRows, monthReport.Total), monthRows[^1],
            children is null ? [] : ByGroup((await children).Rows).OrderByDescending(r => r.Units).ToList(),
            ByGroup((await models).Rows).OrderByDescending(r => r.Units).ToList(), late);
    }

    public static string Link(string? region, string? district, string? dealer) =>
        Links.With("/console/hq/sales", new Dictionary<string, string?> { ["region"] = region, ["district"] = district, ["dealer"] = dealer });

    /// <summary>Rows of several periods added up per group (the last-year figure too).</summary>
    private static IEnumerable<SalesFigure> ByGroup(IEnumerable<SalesFigure> rows) =>
        rows.GroupBy(r => string.Join('\u0001', r.Group), StringComparer.Ordinal).Select(g =>
        {
            var sum = SalesVector.Empty();
            foreach (var row in g)
            {
                SalesVector.Add(sum, row.Vector);
            }

            return new SalesFigure("total", g.First().Group, sum, g.Sum(r => r.LastYearUnits));
        });
}

/// <param name="Level">0 all regions, 1 a region, 2 a district, 3 a dealer.</param>
/// <param name="ChildDimension">What the level below is (null at a dealer).</param>
public sealed record HqSalesView(
    int Level, string? Region, string? District, string? Dealer, IReadOnlyList<(string Text, string Href, bool Current)> Crumbs, DateOnly Since, string? ChildDimension,
    IReadOnlyList<string> Days, SalesReport Daily, SalesReport Monthly, SalesFigure ThisMonth, IReadOnlyList<SalesFigure> Children, IReadOnlyList<SalesFigure> Models,
    IReadOnlyList<SalesFigure> LateReporters)
{
    public string MonthLabel => ThisMonth.Period;

    public string MonthLabelLastYear => (int.Parse(ThisMonth.Period[..4], System.Globalization.CultureInfo.InvariantCulture) - 1) + ThisMonth.Period[4..];

    public string ChildLink(string key) => ChildDimension switch
    {
        SalesDimensions.Region => HqSalesFigures.Link(key, null, null),
        SalesDimensions.District => HqSalesFigures.Link(Region, key, null),
        _ => HqSalesFigures.Link(Region, District, key),
    };
}
