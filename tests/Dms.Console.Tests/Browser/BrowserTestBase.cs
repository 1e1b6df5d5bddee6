using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Dms.Console.Tests.Browser;

/// <summary>What the browser tests share: the hub, Chromium, and documents made through the public API.</summary>
public abstract class BrowserTestBase(ConsoleFixture fixture, BrowserFixture browser)
{
    protected ConsoleFixture Fixture => fixture;

    protected Task<IPage> PageAsync(string? key) => browser.PageAsync(fixture.Hub.BaseAddress, key);

    /// <summary>An order taken by the OEM to Produced with <paramref name="vin"/>, an RDR and a claim on that VIN: one vehicle, every type.</summary>
    protected async Task<(string Order, string Rdr, string Claim)> VehicleAsync(TestDealer dealer, string vin)
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
        await fixture.CaughtUpAsync();
        return (order, rdr, claim);
    }

    /// <summary>Claims whose delivery the OEM refuses with 503 until they are dead-lettered; the OEM is back afterwards.</summary>
    protected async Task<List<string>> DeadLetteredClaimsAsync(TestDealer dealer, int count)
    {
        var numbers = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var number = "WC-DL-" + TestDocuments.Next();
            fixture.Oem.Script(number, r => r.WithStatusCode(503));
            var vin = TestDocuments.NewVin();
            await fixture.SubmitAsync(dealer, "retail-delivery-reports", TestDocuments.Rdr(vin, TestDocuments.Today.AddDays(-10)));
            await fixture.SubmitAsync(dealer, "warranty-claims", TestDocuments.Claim(vin, number: number));
            numbers.Add(number);
        }

        var failures = fixture.Hub.Service<Dms.Hub.Insights.FailureGroups>();
        await Eventually.GetAsync(
            async () => (await failures.ReadAsync(Dms.Hub.Insights.ViewScope.Everything, new(DealerCode: dealer.Code), new HashSet<string>(), CancellationToken.None)).Items.Count(f => f.DeadLetterId is not null),
            n => n >= count, TimeSpan.FromSeconds(60), "the claims are dead-lettered and shown as failures");
        foreach (var number in numbers)
        {
            fixture.Oem.Unscript(number);
        }

        return numbers;
    }

    protected static JsonObject Event(string type, JsonObject? data = null)
    {
        var body = data ?? [];
        body["type"] = type;
        return body;
    }
}
