using System.Net;
using Dms.Hub.Reporting;

namespace Dms.Functions.Tests.Reporting;

/// <summary>
/// The calendar job on a fake clock: Expected slots per dealer × report × period once the period has ended in the
/// dealer's own time zone, due as the calendar says, never touching an existing slot, and filling in periods missed
/// while the hub was down (up to the configured limit).
/// </summary>
public sealed class ExpectedReportsTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    private HubHost Hub => fixture.Hub;

    [Fact]
    public async Task CalendarJob_AcrossTimeZonesAndDowntime_CreatesEachSlotOnceWithItsDueTime_AndBackfillsUpToTheLimit()
    {
        var store = Hub.Service<IReportSlotStore>();
        var east = await Hub.CreateDealerAsync(region: "East", district: "Pudong"); // Shanghai; created 2026-01-05 03:00Z
        var west = await Hub.CreateDealerAsync(region: "West", district: "Hudson"); // New York
        await fixture.RunCalendarJobAsync();
        Assert.Null(await store.GetAsync("daily-sales-summary", "2026-01-04", east.Code, default)); // ended before the dealer was onboarded

        // Tue 6 Jan 03:00Z: Monday the 5th is over in Shanghai (since 16:00Z) but not yet in New York (05:00Z).
        fixture.Clock.SetUtcNow(new DateTimeOffset(2026, 1, 6, 3, 0, 0, TimeSpan.Zero));
        await fixture.RunCalendarJobAsync();
        var eastSlot = await store.GetAsync("daily-sales-summary", "2026-01-05", east.Code, default);
        Assert.NotNull(eastSlot);
        Assert.Equal(ReportSlotStatus.Expected, eastSlot.Status);
        Assert.Equal(new DateTimeOffset(2026, 1, 6, 2, 0, 0, TimeSpan.Zero), eastSlot.DueAt); // next business day, 10:00 Shanghai
        Assert.Null(await store.GetAsync("daily-sales-summary", "2026-01-05", west.Code, default));

        fixture.Clock.SetUtcNow(new DateTimeOffset(2026, 1, 6, 6, 0, 0, TimeSpan.Zero)); // 01:00 in New York
        await fixture.RunCalendarJobAsync();
        var westSlot = await store.GetAsync("daily-sales-summary", "2026-01-05", west.Code, default);
        Assert.Equal(new DateTimeOffset(2026, 1, 6, 15, 0, 0, TimeSpan.Zero), westSlot!.DueAt); // 10:00 New York (EST)
        Assert.Equal(eastSlot.ETag, (await store.GetAsync("daily-sales-summary", "2026-01-05", east.Code, default))!.ETag);

        // The hub is down for ten days; five periods are the most it fills in.
        fixture.Clock.SetUtcNow(new DateTimeOffset(2026, 1, 16, 6, 0, 0, TimeSpan.Zero));
        await fixture.RunCalendarJobAsync();
        foreach (var day in new[] { "2026-01-11", "2026-01-12", "2026-01-13", "2026-01-14", "2026-01-15" })
        {
            Assert.NotNull(await store.GetAsync("daily-sales-summary", day, east.Code, default));
            Assert.NotNull(await store.GetAsync("daily-sales-summary", day, west.Code, default));
        }

        Assert.Null(await store.GetAsync("daily-sales-summary", "2026-01-10", east.Code, default));
        Assert.Equal(new DateTimeOffset(2026, 1, 12, 2, 0, 0, TimeSpan.Zero), (await store.GetAsync("daily-sales-summary", "2026-01-11", east.Code, default))!.DueAt); // Sunday → Monday

        // A version is accepted; running the job again changes nothing about it.
        using var dealer = Hub.Client(east.ApiKey);
        using (var response = await dealer.PostJsonAsync("/api/v1/daily-sales-summaries", TestReports.DailySales("2026-01-15")))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await fixture.DrainWorkAsync();
        await fixture.RunCalendarJobAsync();
        Assert.Equal(ReportSlotStatus.Accepted, (await store.GetAsync("daily-sales-summary", "2026-01-15", east.Code, default))!.Status);

        // Month end: January's monthly reports become expected, due by the 10th 18:00 and the 5th business day 18:00, local.
        fixture.Clock.SetUtcNow(new DateTimeOffset(2026, 2, 1, 6, 0, 0, TimeSpan.Zero));
        await fixture.RunCalendarJobAsync();
        Assert.Equal(new DateTimeOffset(2026, 2, 10, 10, 0, 0, TimeSpan.Zero), (await store.GetAsync("monthly-stock-report", "2026-01", east.Code, default))!.DueAt);
        Assert.Equal(new DateTimeOffset(2026, 2, 10, 23, 0, 0, TimeSpan.Zero), (await store.GetAsync("monthly-stock-report", "2026-01", west.Code, default))!.DueAt);
        Assert.Equal(new DateTimeOffset(2026, 2, 6, 10, 0, 0, TimeSpan.Zero), (await store.GetAsync("monthly-financial-statement", "2026-01", east.Code, default))!.DueAt);

        using var hq = Hub.Client(await Hub.CreateHqUserAsync());
        var matrix = await hq.GetJsonAsync("/api/v1/hq/periodic-reports?period=2026-01");
        var row = matrix["rows"]!.AsArray().Single(r => r!["dealer"]!.GetValue<string>() == east.Code)!;
        Assert.Equal("Expected", row["reports"]!["monthly-stock-report"]!["display"]!.GetValue<string>());
        Assert.Equal(["monthly-financial-statement", "monthly-stock-report"], matrix["reports"]!.AsArray().Select(r => r!.GetValue<string>()).Order(StringComparer.Ordinal));
    }
}
