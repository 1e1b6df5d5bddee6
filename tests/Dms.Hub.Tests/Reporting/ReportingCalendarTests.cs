using Dms.Hub.Dealers;
using Dms.Hub.PeriodicReports;
using Dms.Hub.Reporting;
using Microsoft.Extensions.Time.Testing;

namespace Dms.Hub.Tests.Reporting;

/// <summary>Due times in the dealers' time zones, month ends, business days (weekends, holidays, make-up days) and the escalation ladder.</summary>
public sealed class ReportingCalendarTests
{
    private static readonly ReportingOptions Options = new()
    {
        TimeZone = "Asia/Shanghai",
        RegionTimeZones = new(StringComparer.OrdinalIgnoreCase) { ["West"] = "America/New_York" },
        Holidays = [new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 2), new DateOnly(2026, 10, 5)],
        WorkingWeekendDays = [new DateOnly(2026, 10, 10)],
    };

    private static readonly ReportingCalendar Calendar = new(new TestOptions<ReportingOptions>(Options));
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public void DueAt_By10th1800Local_IsThatInstantInEachDealersTimeZone()
    {
        var schedule = new ReportScheduleOptions { DueDay = 10, DueTime = "18:00" };
        var october = ReportPeriod.Parse("2026-10");

        Assert.Equal(new DateTimeOffset(2026, 11, 10, 10, 0, 0, TimeSpan.Zero), Calendar.DueAt(schedule, october, Shanghai));
        Assert.Equal(new DateTimeOffset(2026, 11, 10, 23, 0, 0, TimeSpan.Zero), Calendar.DueAt(schedule, october, NewYork)); // EST, UTC-5
        Assert.Equal(new DateTimeOffset(2026, 7, 10, 22, 0, 0, TimeSpan.Zero), Calendar.DueAt(schedule, ReportPeriod.Parse("2026-06"), NewYork)); // EDT, UTC-4
        Assert.Equal("America/New_York", Calendar.ZoneOf(new Dealer { Code = "W1", Name = "W", Region = "west", Brand = "A" }).Id);
        Assert.Equal("Asia/Shanghai", Calendar.ZoneOf(new Dealer { Code = "E1", Name = "E", Region = "East", Brand = "A" }).Id);
    }

    [Theory]
    [InlineData("2026-11-30T15:59:00Z", "Asia/Shanghai", "2026-10")] // Nov 30 23:59 local: October closed and past due
    [InlineData("2026-11-30T16:00:00Z", "Asia/Shanghai", "2026-10")] // Dec 1 local: November closed, but due Dec 10
    [InlineData("2026-12-10T09:59:00Z", "Asia/Shanghai", "2026-10")] // Dec 10 17:59 local
    [InlineData("2026-12-10T10:00:00Z", "Asia/Shanghai", "2026-11")] // Dec 10 18:00 local: November is due
    [InlineData("2026-11-30T23:00:00Z", "America/New_York", "2026-10")]
    public void LatestPastDue_Monthly_IsTheNewestPeriodAlreadyDue_NotTheLatestClosed(string now, string zone, string expected)
    {
        var schedule = new ReportScheduleOptions { DueDay = 10, DueTime = "18:00" };

        var period = Calendar.LatestPastDue(schedule, PeriodGranularity.Month, TimeZoneInfo.FindSystemTimeZoneById(zone), DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, period.ToString());
    }

    [Theory]
    [InlineData("2026-11-30T01:59:00Z", "2026-11-26")] // Mon 09:59 local: Thursday's report was due Fri 10:00; Friday's is due Mon 10:00
    [InlineData("2026-11-30T02:00:00Z", "2026-11-29")] // Mon 10:00 local: Fri, Sat and Sun are all due now
    [InlineData("2026-11-30T18:00:00Z", "2026-11-29")] // Tue 02:00 local: Monday's is due Tue 10:00
    [InlineData("2026-10-06T01:00:00Z", "2026-09-29")] // Tue 09:00 after the holidays (Oct 1, 2, 5): Sep 30 to Oct 5 are all due Oct 6 10:00
    public void LatestPastDue_Daily_CountsBusinessDays(string now, string expected)
    {
        var schedule = new ReportScheduleOptions { DueBusinessDaysAfter = 1, DueTime = "10:00" };

        var period = Calendar.LatestPastDue(schedule, PeriodGranularity.Day, Shanghai, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, period.ToString());
    }

    [Theory]
    [InlineData("2027-01", 31, "2027-02-28")]
    [InlineData("2028-01", 31, "2028-02-29")]
    [InlineData("2026-03", 31, "2026-04-30")]
    [InlineData("2026-03", 30, "2026-04-30")]
    [InlineData("2026-11", 31, "2026-12-31")]
    public void DueAt_DayBeyondTheMonth_IsTheMonthEnd(string period, int dueDay, string expected)
    {
        var due = Calendar.DueAt(new ReportScheduleOptions { DueDay = dueDay, DueTime = "00:00" }, ReportPeriod.Parse(period), TimeZoneInfo.Utc);

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DateOnly.FromDateTime(due.UtcDateTime));
    }

    [Fact]
    public void DueAt_NthBusinessDay_SkipsWeekendsAndHolidays_AndCountsMakeUpDays()
    {
        // October 2026: Thu 1 and Fri 2 and Mon 5 are holidays; Sat 10 is a make-up working day.
        var third = Calendar.DueAt(new ReportScheduleOptions { DueBusinessDay = 3, DueTime = "00:00" }, ReportPeriod.Parse("2026-09"), TimeZoneInfo.Utc);
        var sixth = Calendar.DueAt(new ReportScheduleOptions { DueBusinessDay = 6, DueTime = "00:00" }, ReportPeriod.Parse("2026-09"), TimeZoneInfo.Utc);

        Assert.Equal(new DateOnly(2026, 10, 8), DateOnly.FromDateTime(third.UtcDateTime)); // Tue 6, Wed 7, Thu 8
        Assert.Equal(new DateOnly(2026, 10, 12), DateOnly.FromDateTime(sixth.UtcDateTime)); // Fri 9, Sat 10 (make-up), Mon 12
        Assert.True(Calendar.IsBusinessDay(new DateOnly(2026, 10, 10)));
        Assert.False(Calendar.IsBusinessDay(new DateOnly(2026, 10, 11)));
    }

    [Theory]
    [InlineData(DueRoll.None, "2026-10-10")]
    [InlineData(DueRoll.Forward, "2026-10-12")]
    [InlineData(DueRoll.Backward, "2026-10-09")]
    public void DueAt_DueDayOnAWeekend_RollsAsConfigured(DueRoll roll, string expected)
    {
        var calendar = new ReportingCalendar(new TestOptions<ReportingOptions>(new ReportingOptions()));
        var due = calendar.DueAt(new ReportScheduleOptions { DueDay = 10, DueTime = "12:00", Roll = roll }, ReportPeriod.Parse("2026-09"), TimeZoneInfo.Utc);

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DateOnly.FromDateTime(due.UtcDateTime)); // Sat 10 October
    }

    [Fact]
    public void DueAt_Daily_NextBusinessDayAfterAFridayIsMonday_AndSameDayWorksToo()
    {
        var nextBusinessDay = new ReportScheduleOptions { DueBusinessDaysAfter = 1, DueTime = "10:00" };
        var sameDay = new ReportScheduleOptions { DueDaysAfter = 0, DueTime = "23:59" };
        var friday = ReportPeriod.Parse("2026-11-20");

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero), Calendar.DueAt(nextBusinessDay, friday, Shanghai));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 15, 59, 0, TimeSpan.Zero), Calendar.DueAt(sameDay, friday, Shanghai));
    }

    [Fact]
    public void DueAt_LocalTimeSkippedByDaylightSaving_MovesToTheFirstValidMinute()
    {
        // 8 March 2026, 02:30 does not exist in New York (clocks jump from 02:00 to 03:00).
        var due = Calendar.DueAt(new ReportScheduleOptions { DueDaysAfter = 1, DueTime = "02:30" }, ReportPeriod.Parse("2026-03-07"), NewYork);

        Assert.Equal(new DateTimeOffset(2026, 3, 8, 7, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void LatestClosed_AroundLocalMidnight_FollowsTheDealersTimeZone()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 16, 30, 0, TimeSpan.Zero)); // 00:30 on 1 December in Shanghai

        Assert.Equal("2026-11", ReportingCalendar.LatestClosed(PeriodGranularity.Month, Shanghai, clock.GetUtcNow()).ToString());
        Assert.Equal("2026-10", ReportingCalendar.LatestClosed(PeriodGranularity.Month, NewYork, clock.GetUtcNow()).ToString());
        Assert.Equal("2026-11-30", ReportingCalendar.LatestClosed(PeriodGranularity.Day, Shanghai, clock.GetUtcNow()).ToString());
        Assert.Equal("2026-11-29", ReportingCalendar.LatestClosed(PeriodGranularity.Day, NewYork, clock.GetUtcNow()).ToString());
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero), ReportingCalendar.EndOf(ReportPeriod.Parse("2026-11"), Shanghai));
    }

    [Fact]
    public void Escalation_AtEachOffset_ReachesTheNextRung_AndStopsOnceAccepted()
    {
        var schedule = new ReportScheduleOptions
        {
            DueDay = 10,
            Escalation =
            [
                new() { Step = "region", Offset = TimeSpan.FromDays(7), Notify = ["region-manager"] },
                new() { Step = "reminder", Offset = TimeSpan.FromDays(-2), Notify = ["dealer"] },
                new() { Step = "late", Offset = TimeSpan.Zero, Notify = ["dealer", "hq"] },
                new() { Step = "district", Offset = TimeSpan.FromDays(3), Notify = ["district-manager"] },
            ],
        };
        var due = new DateTimeOffset(2026, 11, 10, 10, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(due.AddDays(-3));
        string? Step() => ReportingCalendar.Escalation(schedule, due, settled: false, clock.GetUtcNow())?.Step;

        Assert.Null(Step());
        Assert.Equal("reminder", ReportingCalendar.Escalation(schedule, due, false, clock.GetUtcNow())!.NextStep);
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal("reminder", Step());
        clock.SetUtcNow(due);
        Assert.Equal("late", Step());
        clock.Advance(TimeSpan.FromDays(3) - TimeSpan.FromSeconds(1));
        Assert.Equal("late", Step());
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("district", Step());
        Assert.Equal(["district-manager"], ReportingCalendar.Escalation(schedule, due, false, clock.GetUtcNow())!.Notify);
        clock.Advance(TimeSpan.FromDays(4));
        Assert.Equal("region", Step());
        Assert.Null(ReportingCalendar.Escalation(schedule, due, settled: true, clock.GetUtcNow()));
    }

    [Fact]
    public void Owes_SelectorsAndEnabledDocumentTypes_DecideWhoOwesTheReport()
    {
        var schedule = new ReportScheduleOptions { DueDay = 10, Regions = ["East"], ExcludeDealers = ["E9"] };
        Dealer Dealer(string code, string region, params string[] types) => new() { Code = code, Name = code, Region = region, Brand = "Aurora", DocumentTypes = types };

        Assert.True(ReportingCalendar.Owes(schedule, "monthly-stock-report", Dealer("E1", "east")));
        Assert.False(ReportingCalendar.Owes(schedule, "monthly-stock-report", Dealer("W1", "West")));
        Assert.False(ReportingCalendar.Owes(schedule, "monthly-stock-report", Dealer("E9", "East")));
        Assert.False(ReportingCalendar.Owes(schedule, "monthly-stock-report", Dealer("E2", "East", "retail-delivery-report")));
    }
}
