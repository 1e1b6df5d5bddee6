using Microsoft.Playwright;

namespace Dms.Console.Tests.Browser;

/// <summary>Finding documents by what people know, and reading one.</summary>
[Collection(ConsoleHub.Name)]
public sealed class DocumentTests(ConsoleFixture fixture, BrowserFixture browser) : BrowserTestBase(fixture, browser)
{
    [Fact]
    public async Task SearchByVin_FindsDocumentsOfEveryType_AndTheVehicleViewShowsThemTogether()
    {
        var dealer = await Fixture.DealerAsync("East");
        var vin = TestDocuments.NewVin();
        await VehicleAsync(dealer, vin);
        var page = await PageAsync(ConsoleFixture.ViewerKey);
        await page.GotoAsync("/console/documents");

        await page.GetByLabel("Find by tracking ID, VIN").FillAsync(vin.ToLowerInvariant());
        await page.GetByLabel("Find by tracking ID, VIN").PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("4 documents carry");
        var rows = page.Locator("main table tbody tr");
        foreach (var type in new[] { "vehicle-order", "retail-delivery-report", "warranty-claim", "parts-order" })
        {
            await Assertions.Expect(rows.Filter(new() { HasText = type })).ToHaveCountAsync(1);
        }

        await page.GetByRole(AriaRole.Link, new() { Name = vin }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Vehicle {vin}" })).ToBeVisibleAsync();
        foreach (var heading in new[] { "Vehicle order", "Retail delivery report", "Warranty claim", "Parts order" })
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading })).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task DetailPage_ShowsTheTimeline_Deliveries_AndMasksPersonalData()
    {
        var dealer = await Fixture.DealerAsync("East");
        var number = "RDR-DETAIL-" + TestDocuments.Next();
        var tracking = await Fixture.SubmitAsync(dealer, "retail-delivery-reports", TestDocuments.Rdr(TestDocuments.NewVin(), number: number));
        await Eventually.GetAsync(() => Task.FromResult(Fixture.Oem.RequestsFor(number).Count), n => n > 0, what: "delivered");
        await Fixture.CaughtUpAsync();
        var page = await PageAsync(ConsoleFixture.ViewerKey);
        await page.GotoAsync("/console/documents");

        await page.GetByLabel("Find by tracking ID, VIN").FillAsync(number);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Timeline" })).ToBeVisibleAsync();
        var timeline = page.Locator("section[aria-labelledby=timeline] tbody tr");
        await Assertions.Expect(timeline.Filter(new() { HasText = "Submitted" })).ToHaveCountAsync(1);
        await Assertions.Expect(timeline.Filter(new() { HasText = "Routed" })).ToHaveCountAsync(1);
        await Assertions.Expect(timeline.Filter(new() { HasText = "Delivered" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByText(tracking).First).ToBeVisibleAsync();
        var payloads = await page.Locator("section[aria-labelledby=payloads]").InnerTextAsync();
        Assert.DoesNotContain("Test Buyer", payloads, StringComparison.Ordinal);
        Assert.Contains(Internal.PersonalData.Mask, payloads, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_RevealsPersonalDataWithAReason_AndItIsAudited()
    {
        var dealer = await Fixture.DealerAsync("East");
        var tracking = await Fixture.SubmitAsync(dealer, "retail-delivery-reports", TestDocuments.Rdr(TestDocuments.NewVin()));
        await Fixture.CaughtUpAsync();
        var page = await PageAsync(ConsoleFixture.OperatorKey);
        await page.GotoAsync($"/console/documents/{tracking}");

        await page.GetByLabel("Why do you need to see personal data?").FillAsync("Dealer dispute 42");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show personal data" }).ClickAsync();

        await Assertions.Expect(page.Locator("section[aria-labelledby=payloads]")).ToContainTextAsync("Test Buyer");
        await page.GotoAsync("/console/audit?action=RevealedPersonalData");
        await Assertions.Expect(page.Locator("main table tbody")).ToContainTextAsync("Dealer dispute 42");
    }
}
