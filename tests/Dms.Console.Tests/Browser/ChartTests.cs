namespace Dms.Console.Tests.Browser;

/// <summary>Every chart renders, in the browser, with data (the demo history gives every one something real).</summary>
[Collection(ConsoleHub.Name)]
public sealed class ChartTests(ConsoleFixture fixture, BrowserFixture browser) : BrowserTestBase(fixture, browser)
{
    [Theory]
    [InlineData("/console?window=7d", 2)]
    [InlineData("/console/dealers/D001", 1)]
    [InlineData("/console/hq/warranty", 2)]
    [InlineData("/console/hq/vehicle-orders", 3)]
    [InlineData("/console/hq/parts", 3)]
    [InlineData("/console/hq/sales", 3)]
    [InlineData("/console/hq/sales?region=East", 3)]
    public async Task EveryChart_RendersWithData(string path, int charts)
    {
        if (path.Contains("vehicle-orders", StringComparison.Ordinal))
        {
            await OrderOnHoldAsync();
        }

        var page = await PageAsync(ConsoleFixture.ViewerKey);
        await page.GotoAsync(path);

        var canvases = page.Locator("canvas[data-chart]");
        Assert.Equal(charts, await canvases.CountAsync());
        for (var i = 0; i < charts; i++)
        {
            var canvas = canvases.Nth(i);
            await Microsoft.Playwright.Assertions.Expect(canvas).ToHaveAttributeAsync("data-chart-ready", new System.Text.RegularExpressions.Regex("^[1-9]"));
            var drawn = await canvas.EvaluateAsync<bool>("c => { const chart = Chart.getChart(c); return !!chart && chart.data.datasets.some(d => d.data.some(v => v > 0)) && c.width > 0; }");
            Assert.True(drawn, $"Chart {i + 1} on {path} drew no data ({await canvas.GetAttributeAsync("aria-label")})");
        }
    }

    /// <summary>A week of history may hold no order on hold: one is put there through the OEM API, as the OEM would.</summary>
    private async Task OrderOnHoldAsync()
    {
        var dealer = await Fixture.DealerAsync("East");
        var order = await Fixture.SubmitAsync(dealer, "vehicle-orders", TestDocuments.Order());
        using var oem = Fixture.Api(HubSettings.OemKey);
        foreach (var oemEvent in new[] { Event("Accepted"), Event("HoldSet", new() { ["hold"] = new System.Text.Json.Nodes.JsonObject { ["reasonClass"] = "Material", ["reasonCode"] = "HM" } }) })
        {
            using var response = await oem.PostJsonAsync($"/api/v1/oem/vehicle-orders/{order}/events", oemEvent);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        await Fixture.CaughtUpAsync();
    }
}
