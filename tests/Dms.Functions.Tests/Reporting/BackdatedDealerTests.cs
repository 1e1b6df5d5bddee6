using Dms.Hub.Dealers;
using Dms.Hub.Reporting;

namespace Dms.Functions.Tests.Reporting;

/// <summary>
/// Dealers stored with an onboarding date in the past (the demo's) after the calendar job's watermark passed the
/// periods they owe: the scheduled run resumes after its watermark, so only <see cref="ExpectedReportsJob.OfferAsync"/>
/// expects their reports. This is how the demo's late dealer D003 lost every monthly slot (and its heat-map row) when
/// the job's first run listed the dealers while the demo was still storing them.
/// </summary>
public sealed class BackdatedDealerTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    [Fact]
    public async Task BackdatedDealerStoredAfterTheWatermark_IsExpectedOnlyWhenOffered_AndOthersSlotsAndTheWatermarkStay()
    {
        var hub = fixture.Hub;
        var slots = hub.Service<IReportSlotStore>();
        fixture.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero)); // February is over in Shanghai and New York
        var first = await StoreBackdatedAsync("BK001");
        await fixture.RunCalendarJobAsync();
        var firstSlot = await slots.GetAsync("monthly-stock-report", "2026-02", first.Code, default);
        Assert.NotNull(firstSlot);
        Assert.Equal("2026-02", await slots.GetWatermarkAsync("monthly-stock-report", default));

        var late = await StoreBackdatedAsync("BK002");
        await fixture.RunCalendarJobAsync();
        Assert.Null(await slots.GetAsync("monthly-stock-report", "2026-02", late.Code, default)); // resumed after the watermark

        await hub.Service<ExpectedReportsJob>().OfferAsync([late], default);
        foreach (var period in new[] { "2025-12", "2026-01", "2026-02" }) // the backfill window (3 periods)
        {
            Assert.Equal(ReportSlotStatus.Expected, (await slots.GetAsync("monthly-stock-report", period, late.Code, default))?.Status);
        }

        Assert.Equal(new DateTimeOffset(2026, 3, 10, 10, 0, 0, TimeSpan.Zero), (await slots.GetAsync("monthly-stock-report", "2026-02", late.Code, default))!.DueAt);
        Assert.Equal(firstSlot.ETag, (await slots.GetAsync("monthly-stock-report", "2026-02", first.Code, default))!.ETag);
        Assert.Equal("2026-02", await slots.GetWatermarkAsync("monthly-stock-report", default));
    }

    private async Task<Dealer> StoreBackdatedAsync(string code)
    {
        var dealer = new Dealer
        {
            Code = code, Name = "Backdated " + code, Region = "East", District = "Pudong", Brand = "Aurora", Demo = true,
            CreatedAt = fixture.Clock.GetUtcNow().AddDays(-400),
        };
        await fixture.Hub.Service<IDealerStore>().UpsertAsync(dealer, default);
        return dealer;
    }
}
