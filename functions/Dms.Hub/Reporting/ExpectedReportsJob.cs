using Dms.Hub.Dealers;
using Dms.Hub.PeriodicReports;
using Dms.Hub.Registry;
using Dms.Hub.Work;
using Microsoft.Extensions.Logging;

namespace Dms.Hub.Reporting;

/// <summary>
/// Creates the Expected slot of every dealer × report × period once the period has ended in the dealer's time zone.
/// Idempotent (existing slots are never touched) and self-healing: it resumes after the last period it completed
/// (the watermark), so periods missed while the hub was down are filled in — back to at most
/// <see cref="ReportScheduleOptions.BackfillPeriods"/> periods.
/// </summary>
public sealed partial class ExpectedReportsJob(
    IReportSlotStore store,
    IDealerStore dealers,
    ReportingCalendar calendar,
    DocumentTypeRegistry types,
    TimeProvider clock,
    ILogger<ExpectedReportsJob> logger) : IScheduledJob
{
    public string Name => "expected-reports";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var all = await dealers.ListAsync(cancellationToken);
        foreach (var type in types.All.OfType<IPeriodicReportType>())
        {
            if (calendar.ScheduleOf(type.Name) is { } schedule)
            {
                var created = await RunAsync(type, schedule, all, now, cancellationToken);
                if (created > 0)
                {
                    LogCreated(logger, created, type.Name);
                }
            }
        }
    }

    /// <summary>One kind; returns how many slots it offered (existing ones included).</summary>
    private async Task<int> RunAsync(IPeriodicReportType type, ReportScheduleOptions schedule, IReadOnlyList<Dealer> all, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var owing = all.Where(d => ReportingCalendar.Owes(schedule, type.Name, d)).Select(d => (Dealer: d, Zone: calendar.ZoneOf(d))).ToList();
        if (owing.Count == 0)
        {
            return 0;
        }

        var latest = owing.Select(o => ReportingCalendar.LatestClosed(type.Granularity, o.Zone, now)).MaxBy(p => p.Start);
        var start = latest.Minus(schedule.BackfillPeriods - 1);
        if (schedule.FirstPeriod is { } first && ReportPeriod.Parse(first) is var firstPeriod && firstPeriod.Start > start.Start)
        {
            start = firstPeriod;
        }

        if (await store.GetWatermarkAsync(type.Name, cancellationToken) is { } mark && ReportPeriod.Parse(mark).Next() is var resume && resume.Start > start.Start)
        {
            start = resume;
        }

        var offered = 0;
        for (var period = start; period.Start <= latest.Start; period = period.Next())
        {
            var ended = owing.Where(o => ReportingCalendar.EndOf(period, o.Zone) <= now).ToList();
            var slots = ended.Where(o => o.Dealer.CreatedAt < ReportingCalendar.EndOf(period, o.Zone)).Select(o => new ReportSlot
            {
                Kind = type.Name, Period = period.ToString(), DealerCode = o.Dealer.Code,
                DueAt = calendar.DueAt(schedule, period, o.Zone), ExpectedAt = now,
            }).ToList();
            await store.AddExpectedAsync(slots, cancellationToken);
            offered += slots.Count;
            if (ended.Count < owing.Count)
            {
                // Not over yet in some dealer's time zone: this period is offered again next run.
                break;
            }

            await store.SetWatermarkAsync(type.Name, period.ToString(), cancellationToken);
        }

        return offered;
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Offered {Count} expected {Kind} slot(s)")]
    private static partial void LogCreated(ILogger logger, int count, string kind);
}
