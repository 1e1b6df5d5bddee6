using Dms.Console.Internal;
using Dms.Hub.Insights;

namespace Dms.Console.Tests.Http;

/// <summary>HQ figures measured on the hub's own timeline (the demo history answers VOR orders within 10 minutes to 6 hours).</summary>
[Collection(ConsoleHub.Name)]
public sealed class HqFigureTests(ConsoleFixture fixture)
{
    private static readonly string[] Buckets = ["15m", "1h", "2h", "4h", "8h"];

    [Fact]
    public async Task VorAcknowledgementTime_IsTheTimeFromSubmissionToTheDepotsAnswer()
    {
        var view = await fixture.Hub.Service<HqFigures>().ReadAsync("parts-order", ViewScope.Everything, null, null, null, 90, CancellationToken.None);

        var acked = view!.Flow.GetValueOrDefault("vorAcked");
        Assert.True(acked > 0, "the demo history acknowledges VOR orders");
        Assert.InRange(view.Flow.GetValueOrDefault("vorAckSeconds") / (double)acked, 600, 6 * 3600);
        Assert.Equal(0, view.Flow.GetValueOrDefault("vorAck.more"));
        Assert.Equal(acked, Buckets.Sum(b => view.Flow.GetValueOrDefault("vorAck." + b)));
    }
}

/// <summary>The overview's late-reports tile (one slot read for every kind's last three closed periods) against the heat-map's cells.</summary>
[Collection(ConsoleHub.Name)]
public sealed class LateReportsTileTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task LateReportsTile_CountsEachKindsLateSlotsOfItsLastThreePeriods_AsTheHeatMapShowsThem()
    {
        var dealer = await fixture.DealerAsync("South");
        var reports = fixture.Hub.Service<HqReports>();
        var now = DateTimeOffset.UtcNow;
        var slots = reports.Kinds.SelectMany(k => Enumerable.Range(0, HqReports.OverviewPeriods + 1).Select(i => new Dms.Hub.Reporting.ReportSlot
        {
            Kind = k.Name, Period = Dms.Hub.Reporting.ReportingCalendar.LatestClosed(k.Granularity, TimeZoneInfo.Utc, now).Minus(i).ToString(),
            DealerCode = dealer.Code, DueAt = now.AddDays(-1),
        })).ToList();
        await fixture.Hub.Service<Dms.Hub.Reporting.IReportSlotStore>().AddExpectedAsync(slots, CancellationToken.None);

        var tile = await reports.LateCountAsync(ViewScope.Everything, CancellationToken.None);
        var cells = 0;
        var mine = 0;
        foreach (var kind in reports.Kinds)
        {
            var matrix = await reports.ReadAsync(ViewScope.Everything, kind.Name, null, null, null, CancellationToken.None);
            var recent = matrix!.Periods.TakeLast(HqReports.OverviewPeriods).ToHashSet();
            cells += matrix.Late.Count(l => recent.Contains(l.Standing.Slot.Period));
            mine += matrix.Late.Count(l => l.Dealer.Code == dealer.Code && recent.Contains(l.Standing.Slot.Period));
        }

        Assert.Equal(reports.Kinds.Count * HqReports.OverviewPeriods, mine); // the fourth period back is not on the tile
        Assert.Equal(cells, tile);
    }
}
