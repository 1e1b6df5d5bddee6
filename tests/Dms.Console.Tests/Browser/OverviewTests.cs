using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Dms.Console.Tests.Browser;

/// <summary>The overview's tiles open the lists behind their figures, with the same numbers.</summary>
[Collection(ConsoleHub.Name)]
public sealed partial class OverviewTests(ConsoleFixture fixture, BrowserFixture browser) : BrowserTestBase(fixture, browser)
{
    [Fact]
    public async Task ReceivedTile_OpensTheListOfThosePeriodsDocuments_WithTheSameCount()
    {
        var page = await PageAsync(ConsoleFixture.ViewerKey);
        await page.GotoAsync("/console?window=30d");
        var tile = page.Locator("section[aria-labelledby='type-warranty-claim'] a.tile").Filter(new() { HasText = "Received" });
        var shown = (await tile.Locator(".value").InnerTextAsync()).Trim();

        await tile.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console/documents\\?type=warranty-claim.*from="));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(new Regex($"^\\s*{Regex.Escape(shown)} documents"));
        Assert.NotEqual("0", shown); // the demo history gives warranty claims this month
    }

    [Fact]
    public async Task PartsTiles_VorWithoutAcknowledgementAndAckOverdue_OpenTheOrdersBehindThem()
    {
        var dealer = await Fixture.DealerAsync("East");
        var vin = TestDocuments.NewVin();
        await Fixture.SubmitAsync(dealer, "parts-orders", VorOrder(vin)); // the test's OEM never acknowledges parts orders
        await Fixture.CaughtUpAsync();
        var page = await PageAsync(ConsoleFixture.ViewerKey);
        await page.GotoAsync("/console?window=30d");
        var parts = page.Locator("section[aria-labelledby='type-parts-order']");
        var vor = parts.Locator("a.tile").Filter(new() { HasText = "VOR without acknowledgement" });
        var count = int.Parse(await vor.Locator(".value").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(parts.Locator("a.tile").Filter(new() { HasText = "Acknowledgement overdue" })).ToHaveAttributeAsync("href", new Regex("field=ackOverdue%3Atrue"));

        await vor.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("field=orderType%3AVOR"));
        var rows = page.Locator("main table tbody tr");
        Assert.True(count >= 1, "the VOR order just submitted waits for its acknowledgement");
        await Assertions.Expect(rows).ToHaveCountAsync(count);
        await Assertions.Expect(rows.Filter(new() { HasText = vin })).ToHaveCountAsync(1);
        for (var i = 0; i < count; i++)
        {
            var cells = rows.Nth(i).Locator("td");
            Assert.Equal("parts-order", await cells.Nth(1).InnerTextAsync());
            Assert.StartsWith("Submitted", await cells.Nth(5).InnerTextAsync(), StringComparison.Ordinal);
            Assert.Matches(VinPattern(), await cells.Nth(7).InnerTextAsync()); // only VOR orders name a vehicle
        }
    }

    [GeneratedRegex("^[A-HJ-NPR-Z0-9]{17}$")]
    private static partial Regex VinPattern();
}
