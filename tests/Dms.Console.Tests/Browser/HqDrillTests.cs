using Microsoft.Playwright;

namespace Dms.Console.Tests.Browser;

/// <summary>Warranty, vehicle orders and parts drill region → district → dealer → documents; a regional manager cannot leave their region at any level.</summary>
[Collection(ConsoleHub.Name)]
public sealed class HqDrillTests(ConsoleFixture fixture, BrowserFixture browser) : BrowserTestBase(fixture, browser)
{
    private static readonly string[] Levels = ["region", "district", "dealer"];

    [Theory]
    [InlineData("/console/hq/warranty")]
    [InlineData("/console/hq/vehicle-orders")]
    [InlineData("/console/hq/parts")]
    public async Task HqPage_DrillsRegionDistrictDealer_ThenToTheDocuments(string path)
    {
        var page = await PageAsync(ConsoleFixture.ViewerKey);
        await page.GotoAsync(path);
        foreach (var level in new[] { "By region", "By district", "By dealer" })
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = level })).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = level }).Locator("xpath=following-sibling::table[1]").Locator("tbody tr th a").First.ClickAsync();
        }

        var crumbs = page.GetByRole(AriaRole.Navigation, new() { Name = "Drill-down" });
        await Assertions.Expect(crumbs.GetByRole(AriaRole.Link)).ToHaveCountAsync(5); // all regions, region, district, dealer, the dealer's page
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(page.Url).Query);
        Assert.All(Levels, name => Assert.False(string.IsNullOrEmpty(query[name]), $"{name} missing from {page.Url}"));
        await page.Locator("main a[href^='/console/documents?']").First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Documents" })).ToBeVisibleAsync();
        Assert.Contains("dealer=" + query["dealer"], page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegionalManager_EveryLevelOfAnotherRegion_IsNotFound_TheirOwnDistrictShowsOnlyTheirDealers()
    {
        var south = await Fixture.DealerAsync("South");
        var north = await PageAsync(ConsoleFixture.NorthKey);
        var (region, district) = await DistrictAsync(await PageAsync(ConsoleFixture.ViewerKey), "South");
        foreach (var path in new[] { "/console/hq/warranty", "/console/hq/vehicle-orders", "/console/hq/parts" })
        {
            foreach (var query in new[] { $"region={region}", $"district={Uri.EscapeDataString(district)}", $"region=North&district={Uri.EscapeDataString(district)}", $"dealer={south.Code}", $"region=North&dealer={south.Code}" })
            {
                var response = await north.GotoAsync($"{path}?{query}");
                Assert.True(response!.Status == 404, $"{path}?{query} answered {response.Status} to the North regional manager");
            }
        }

        var (_, own) = await DistrictAsync(north, "North");
        await north.GotoAsync($"/console/hq/warranty?district={Uri.EscapeDataString(own)}");
        await Assertions.Expect(north.GetByRole(AriaRole.Heading, new() { Name = "By dealer" })).ToBeVisibleAsync();
        var dealers = await north.GetByRole(AriaRole.Heading, new() { Name = "By dealer" }).Locator("xpath=following-sibling::table[1]").Locator("tbody tr th a").AllInnerTextsAsync();
        Assert.NotEmpty(dealers);
        var directory = Fixture.Hub.Service<Dms.Hub.Dealers.IDealerStore>();
        foreach (var code in dealers)
        {
            var dealer = await directory.GetAsync(code.Trim(), CancellationToken.None);
            Assert.Equal(("North", own), (dealer!.Region, dealer.District));
        }
    }

    /// <summary>The first named district of <paramref name="region"/> that the warranty page lists.</summary>
    private static async Task<(string Region, string District)> DistrictAsync(IPage page, string region)
    {
        await page.GotoAsync($"/console/hq/warranty?region={region}");
        var links = await page.GetByRole(AriaRole.Heading, new() { Name = "By district" }).Locator("xpath=following-sibling::table[1]").Locator("tbody tr th a").AllInnerTextsAsync();
        return (region, links.Select(l => l.Trim()).First(l => l != "(none)")); // dealers registered without a district share that name in every region
    }
}
