using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Dms.Console.Tests.Browser;

/// <summary>What the browser tests share: the hub, Chromium, and documents made through the public API.</summary>
public abstract class BrowserTestBase(ConsoleFixture fixture, BrowserFixture browser)
{
    protected ConsoleFixture Fixture => fixture;

    protected Task<IPage> PageAsync(string? key) => browser.PageAsync(fixture.Hub.BaseAddress, key);

    /// <summary>An order taken by the OEM to Produced with <paramref name="vin"/>, an RDR, a claim and a VOR parts order on that VIN: one vehicle, every type.</summary>
    protected async Task<(string Order, string Rdr, string Claim, string Parts)> VehicleAsync(TestDealer dealer, string vin)
    {
        var order = await fixture.SubmitAsync(dealer, "vehicle-orders", TestDocuments.Order());
        using var oem = fixture.Api(HubSettings.OemKey);
        foreach (var oemEvent in new[] { Event("Accepted"), Event("Produced", new() { ["vin"] = vin }), Event("InTransit"), Event("AtDealer") })
        {
            using var response = await oem.PostJsonAsync($"/api/v1/oem/vehicle-orders/{order}/events", oemEvent);
            Assert.True(response.IsSuccessStatusCode, $"{oemEvent} → {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var rdr = await fixture.SubmitAsync(dealer, "retail-delivery-reports", TestDocuments.Rdr(vin, TestDocuments.Today.AddDays(-10)));
        var claim = await fixture.SubmitAsync(dealer, "warranty-claims", TestDocuments.Claim(vin));
        var parts = await fixture.SubmitAsync(dealer, "parts-orders", VorOrder(vin));
        await fixture.CaughtUpAsync();
        return (order, rdr, claim, parts);
    }

    /// <summary>Claims whose delivery the OEM refuses with 503 until they are dead-lettered; the OEM is back afterwards.</summary>
    protected Task<List<string>> DeadLetteredClaimsAsync(TestDealer dealer, int count) => fixture.DeadLetteredClaimsAsync(dealer, count);

    /// <summary>A vehicle-off-road parts order for <paramref name="vin"/> (parts of the demo part master).</summary>
    protected static JsonObject VorOrder(string vin) => new()
    {
        ["dealerOrderNumber"] = "VOR-" + TestDocuments.Next(),
        ["orderType"] = "VOR",
        ["vin"] = vin,
        ["repairOrderNumber"] = "RO-" + TestDocuments.Next(),
        ["lines"] = new JsonArray(new JsonObject { ["lineNumber"] = 1, ["partNumber"] = "45022-AUR-010", ["quantity"] = 1, ["unitOfMeasure"] = "SET" }),
    };

    protected static JsonObject Event(string type, JsonObject? data = null)
    {
        var body = data ?? [];
        body["type"] = type;
        return body;
    }
}
