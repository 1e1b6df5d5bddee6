using System.Globalization;
using Dms.Hub.Dealers;
using Dms.Hub.PeriodicReports;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Reporting;

/// <summary>
/// The reporting calendar: which dealers owe which report, when a period closes and when its report is due, in the
/// dealer's local time zone, counting business days (weekends, holidays, make-up working days) and month ends.
/// </summary>
public sealed class ReportingCalendar(IOptionsMonitor<ReportingOptions> options)
{
    private ReportingOptions Options => options.CurrentValue;

    public ReportScheduleOptions? ScheduleOf(string kind) =>
        Options.Reports.TryGetValue(kind, out var schedule) && schedule.Enabled ? schedule : null;

    public static bool Owes(ReportScheduleOptions schedule, string kind, Dealer dealer) =>
        dealer.MaySubmit(kind)
        && (schedule.Regions.Count == 0 || schedule.Regions.Contains(dealer.Region, StringComparer.OrdinalIgnoreCase))
        && (schedule.Brands.Count == 0 || schedule.Brands.Contains(dealer.Brand, StringComparer.OrdinalIgnoreCase))
        && (schedule.Dealers.Count == 0 || schedule.Dealers.Contains(dealer.Code, StringComparer.Ordinal))
        && !schedule.ExcludeDealers.Contains(dealer.Code, StringComparer.Ordinal);

    public TimeZoneInfo ZoneOf(Dealer dealer) =>
        TimeZoneInfo.FindSystemTimeZoneById(Options.RegionTimeZones.TryGetValue(dealer.Region, out var zone) ? zone : Options.TimeZone);

    public bool IsBusinessDay(DateOnly day)
    {
        var options = Options;
        if (options.WorkingWeekendDays.Contains(day))
        {
            return true;
        }

        var weekend = options.Weekend ?? [DayOfWeek.Saturday, DayOfWeek.Sunday];
        return !weekend.Contains(day.DayOfWeek) && !options.Holidays.Contains(day);
    }

    /// <summary>The Nth business day after <paramref name="day"/> (not counting it).</summary>
    public DateOnly BusinessDaysAfter(DateOnly day, int count)
    {
        while (count > 0)
        {
            day = day.AddDays(1);
            if (IsBusinessDay(day))
            {
                count--;
            }
        }

        return day;
    }

    /// <summary>The instant a period ends for a dealer: local midnight after its last day.</summary>
    public static DateTimeOffset EndOf(ReportPeriod period, TimeZoneInfo zone) => ToUtc(period.End, TimeOnly.MinValue, zone);

    /// <summary>The latest period of this granularity that has ended for the dealer at <paramref name="now"/>.</summary>
    public static ReportPeriod LatestClosed(PeriodGranularity granularity, TimeZoneInfo zone, DateTimeOffset now) =>
        ReportPeriod.Containing(granularity, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime)).Previous();

    /// <summary>The newest period whose report is already due at <paramref name="now"/>: the latest closed one, or an
    /// earlier one while that is not due yet (a month closed yesterday is due on the 10th).</summary>
    public ReportPeriod LatestPastDue(ReportScheduleOptions schedule, PeriodGranularity granularity, TimeZoneInfo zone, DateTimeOffset now)
    {
        var period = LatestClosed(granularity, zone, now);
        while (DueAt(schedule, period, zone) > now)
        {
            period = period.Previous();
        }

        return period;
    }

    /// <summary>When the report for <paramref name="period"/> is due, as an instant (the due date and time are local).</summary>
    public DateTimeOffset DueAt(ReportScheduleOptions schedule, ReportPeriod period, TimeZoneInfo zone)
    {
        var date = period.Granularity == PeriodGranularity.Month ? MonthlyDueDate(schedule, period) : DailyDueDate(schedule, period);
        return ToUtc(date, TimeOnly.ParseExact(schedule.DueTime, "HH:mm", CultureInfo.InvariantCulture), zone);
    }

    /// <summary>Where a slot stands on the ladder at <paramref name="now"/>; null when nothing is owed any more or no rung is reached.</summary>
    public static EscalationStanding? Escalation(ReportScheduleOptions? schedule, DateTimeOffset? dueAt, bool settled, DateTimeOffset now)
    {
        if (schedule is null || dueAt is not { } due || settled)
        {
            return null;
        }

        var ladder = schedule.Escalation.OrderBy(s => s.Offset).ToList();
        var reached = ladder.LastOrDefault(s => due + s.Offset <= now);
        var next = ladder.FirstOrDefault(s => due + s.Offset > now);
        return reached is null && next is null
            ? null
            : new EscalationStanding(reached?.Step, reached is null ? null : due + reached.Offset, reached?.Notify ?? [], next?.Step, next is null ? null : due + next.Offset);
    }

    private DateOnly MonthlyDueDate(ReportScheduleOptions schedule, ReportPeriod period)
    {
        var next = period.End;
        if (schedule.DueBusinessDay is { } nth)
        {
            return BusinessDaysAfter(next.AddDays(-1), nth);
        }

        var day = Math.Min(schedule.DueDay ?? 31, DateTime.DaysInMonth(next.Year, next.Month));
        return Roll(new DateOnly(next.Year, next.Month, day), schedule.Roll);
    }

    private DateOnly DailyDueDate(ReportScheduleOptions schedule, ReportPeriod period) =>
        schedule.DueBusinessDaysAfter is { } nth
            ? BusinessDaysAfter(period.Start, nth)
            : Roll(period.Start.AddDays(schedule.DueDaysAfter ?? 0), schedule.Roll);

    private DateOnly Roll(DateOnly day, DueRoll roll)
    {
        var step = roll switch { DueRoll.Forward => 1, DueRoll.Backward => -1, _ => 0 };
        while (step != 0 && !IsBusinessDay(day))
        {
            day = day.AddDays(step);
        }

        return day;
    }

    private static DateTimeOffset ToUtc(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            // A local time skipped by a daylight-saving change: the first valid minute after it.
            local = local.AddMinutes(1);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}

/// <summary>The rung reached (and since when, and who hears of it) and the next one.</summary>
public sealed record EscalationStanding(string? Step, DateTimeOffset? Since, IReadOnlyList<string> Notify, string? NextStep, DateTimeOffset? NextAt);
