using Dms.Hub.Dealers;
using Dms.Hub.Insights;
using Dms.Hub.PeriodicReports;
using Dms.Hub.Registry;
using Dms.Hub.Reporting;

namespace Dms.Console.Internal;

/// <summary>
/// The periodic-reports heat-map over issue 12's reporting slots (<see cref="IReportSlotStore"/>, the same standings
/// as <c>GET /api/v1/hq/periodic-reports</c>): one report kind, the dealers of the level asked for × its latest closed
/// periods, each cell Expected, Received, Accepted, PartiallyAccepted, Rejected, Late or Zero.
/// </summary>
public sealed class HqReports(IReportSlotStore slots, ReportingCalendar calendar, DocumentTypeRegistry types, ConsoleDirectory directory, TimeProvider clock)
{
    public const int Periods = 6;

    public IReadOnlyList<IPeriodicReportType> Kinds => types.All.OfType<IPeriodicReportType>().ToList();

    /// <summary>Null when the kind, region, district or dealer is unknown or outside the user's region (the page answers 404).</summary>
    public async Task<ReportMatrix?> ReadAsync(ViewScope scope, string? kindName, string? region, string? district, string? dealer, CancellationToken cancellationToken)
    {
        var kinds = Kinds;
        var kind = kindName is null ? kinds.OrderBy(k => k.Granularity == PeriodGranularity.Month ? 0 : 1).FirstOrDefault() : kinds.FirstOrDefault(k => k.Name == kindName);
        var visible = await directory.DealersAsync(scope, cancellationToken);
        var dealers = visible.Where(d => (region is null || string.Equals(d.Region, region, StringComparison.OrdinalIgnoreCase))
            && (district is null || string.Equals(d.District, district, StringComparison.OrdinalIgnoreCase)) && (dealer is null || d.Code == dealer)).ToList();
        if (kind is null || ((region ?? district ?? dealer) is not null && dealers.Count == 0))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var latest = ReportingCalendar.LatestClosed(kind.Granularity, TimeZoneInfo.Utc, now);
        var periods = Enumerable.Range(0, Periods).Select(i => latest.Minus(Periods - 1 - i).ToString()).ToList();
        var all = await slots.ListAsync(periods.Select(p => (kind.Name, p)).ToList(), cancellationToken);
        var read = periods.Select(p => all.Where(s => s.Period == p).ToList()).ToList();
        var codes = dealers.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        var cells = new Dictionary<(string Dealer, string Period), ReportStanding>();
        for (var i = 0; i < periods.Count; i++)
        {
            foreach (var slot in read[i].Where(s => codes.Contains(s.DealerCode)))
            {
                cells[(slot.DealerCode, periods[i])] = ReportStanding.Of(slot, calendar, now);
            }
        }

        var owing = dealers.Where(d => periods.Any(p => cells.ContainsKey((d.Code, p)))).OrderBy(d => d.Region, StringComparer.Ordinal).ThenBy(d => d.District, StringComparer.Ordinal).ThenBy(d => d.Code, StringComparer.Ordinal).ToList();
        return new ReportMatrix(kind, periods, owing, cells, now);
    }

    /// <summary>Late reports of every kind's last <see cref="OverviewPeriods"/> closed periods in the user's region: the overview's tile.</summary>
    public async Task<int> LateCountAsync(ViewScope scope, CancellationToken cancellationToken)
    {
        var codes = (await directory.DealersAsync(scope, cancellationToken)).Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        var periods = Kinds.SelectMany(k => Enumerable.Range(0, OverviewPeriods).Select(i => (k.Name, ReportingCalendar.LatestClosed(k.Granularity, TimeZoneInfo.Utc, now).Minus(i).ToString()))).ToList();
        return (await slots.ListAsync(periods, cancellationToken)).Count(s => codes.Contains(s.DealerCode) && ReportStanding.Of(s, calendar, now).Late);
    }

    public const int OverviewPeriods = 3;
}

public sealed record ReportMatrix(IPeriodicReportType Kind, IReadOnlyList<string> Periods, IReadOnlyList<Dealer> Dealers, IReadOnlyDictionary<(string Dealer, string Period), ReportStanding> Cells, DateTimeOffset AsOf)
{
    public static readonly string[] Displays = ["Accepted", "PartiallyAccepted", "Zero", "Received", "Expected", "Late", "Rejected"];

    public ReportStanding? Cell(string dealer, string period) => Cells.GetValueOrDefault((dealer, period));

    public int Count(string period, string display) => Cells.Count(c => c.Key.Period == period && c.Value.Display == display);

    /// <summary>The late reports of the periods shown, the most overdue first.</summary>
    public IEnumerable<(Dealer Dealer, ReportStanding Standing)> Late =>
        Dealers.SelectMany(d => Periods.Select(p => (Dealer: d, Standing: Cell(d.Code, p)))).Where(x => x.Standing is { Late: true })
            .Select(x => (x.Dealer, x.Standing!)).OrderByDescending(x => x.Item2.DaysLate);
}
