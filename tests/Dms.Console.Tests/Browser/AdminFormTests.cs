using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Dms.Console.Tests.Browser;

/// <summary>
/// Forms that were wired but not driven before: an admin onboards a dealer (its key shown once, and working), and the
/// periodic-report row-error viewer (a rejected file's errors, personal columns masked, another region's file not reachable).
/// </summary>
[Collection(ConsoleHub.Name)]
public sealed class AdminFormTests(ConsoleFixture fixture, BrowserFixture browser) : BrowserTestBase(fixture, browser)
{
    private const string FinancialHeader = "period,version,zero_report,account_code,description,amount,currency";

    [Fact]
    public async Task Admin_OnboardsADealer_TheKeyIsShownOnceAndWorks_TheRegistryAndTheAuditShowIt()
    {
        var code = "ON" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var page = await PageAsync(ConsoleFixture.AdminKey);
        await page.GotoAsync("/console/dealers/new");
        await page.GetByLabel("Code").FillAsync(code);
        await page.GetByLabel("Name").FillAsync("Harbour Motors");
        await page.GetByLabel("Region").FillAsync("South");
        await page.GetByLabel("District").FillAsync("South-Harbour");
        await page.GetByLabel("Brand").FillAsync("Aurora");
        await page.GetByLabel("Notifications").SelectOptionAsync("webhook");
        await page.GetByLabel("Callback URL (webhook or SOAP)").FillAsync("https://dealer.example/dms-hook");
        await page.GetByLabel("Warranty claim", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Stage").SelectOptionAsync("pilot");
        await page.GetByRole(AriaRole.Button, new() { Name = "Onboard" }).ClickAsync();

        var shown = page.GetByRole(AriaRole.Status);
        await Assertions.Expect(shown).ToContainTextAsync("API key");
        await Assertions.Expect(shown).ToContainTextAsync("Webhook signing secret");
        var key = await shown.Locator("dd code").First.InnerTextAsync();
        using (var api = Fixture.Api(key))
        {
            using var response = await api.GetAsync("/api/v1/warranty-claims");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await page.GotoAsync($"/console/dealers/{code}");
        var facts = page.Locator("main dl.facts").First;
        await Assertions.Expect(facts).ToContainTextAsync("South-Harbour");
        await Assertions.Expect(facts).ToContainTextAsync("pilot");
        await Assertions.Expect(facts).ToContainTextAsync("webhook to https://dealer.example/dms-hook");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync(key);
        await page.GotoAsync("/console/audit?action=OnboardedDealer");
        await Assertions.Expect(page.Locator("main table tbody")).ToContainTextAsync("dealer " + code);
    }

    [Fact]
    public async Task RejectedReportFile_OpensItsRowErrors_PersonalColumnsMasked_AnotherRegionsFileIsNotFound()
    {
        var dealer = await Fixture.DealerAsync("North");
        using var api = Fixture.Api(dealer.ApiKey);
        var month = TestDocuments.Today.AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var rejected = await UploadAsync(api, "monthly-financial-statement", TestCsv.File(FinancialHeader, [$"{month},1,,4000,New vehicle sales,125000000,CNY", $"{month},1,,6100,Interest,-4200.50,CNY"]));
        Assert.Equal("Rejected", rejected["status"]!.GetValue<string>());

        var page = await PageAsync(ConsoleFixture.ViewerKey);
        // The cell names the slot's standing (Rejected, or Late once its due day has passed) and links to the file's errors.
        var cell = page.Locator("table.heatmap tbody tr").Filter(new() { HasText = dealer.Code }).Locator("a[href*='/console/hq/periodic-reports/errors']");
        await Eventually.GetAsync(async () =>
        {
            await page.GotoAsync($"/console/hq/periodic-reports?report=monthly-financial-statement&region=North&dealer={dealer.Code}");
            return await cell.CountAsync();
        }, n => n == 1, TimeSpan.FromSeconds(60), "the rejected file's slot is on the heat-map");
        await cell.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Row errors of " + rejected["batchId"]!.GetValue<string>() })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main table tbody tr").Filter(new() { HasText = "amount" }).First).ToContainTextAsync("-4200.50");

        // An RDR file whose buyer name is too long: the buyer's name is personal data, so its value is masked.
        var secret = "Zhang Secretname " + new string('x', 130);
        var rdr = await UploadAsync(api, "retail-delivery-report", TestCsv.File(TestCsv.RdrHeader, [TestCsv.RdrRow(buyer: secret)]));
        await page.GotoAsync($"/console/hq/periodic-reports/errors?dealer={dealer.Code}&batch={rdr["batchId"]!.GetValue<string>()}");
        var row = page.Locator("main table tbody tr").Filter(new() { HasText = "buyer_name" }).First;
        await Assertions.Expect(row).ToContainTextAsync("***");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("Zhang Secretname");

        var other = await Fixture.DealerAsync("South");
        using var otherApi = Fixture.Api(other.ApiKey);
        var south = await UploadAsync(otherApi, "monthly-financial-statement", TestCsv.File(FinancialHeader, [$"{month},1,,6100,Interest,-1.5,CNY"]));
        var north = await PageAsync(ConsoleFixture.NorthKey);
        var response = await north.GotoAsync($"/console/hq/periodic-reports/errors?dealer={other.Code}&batch={south["batchId"]!.GetValue<string>()}");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(north.Locator("main")).Not.ToContainTextAsync("-1.5");
    }

    private static async Task<JsonObject> UploadAsync(HttpClient api, string documentType, string csv)
    {
        using var content = new ByteArrayContent(TestCsv.Bytes(csv));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        using var response = await api.PostAsync($"/api/v1/batches?documentType={documentType}", content);
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body.ToJsonString());
        var id = body["batchId"]!.GetValue<string>();
        return await Eventually.GetAsync(() => api.GetJsonAsync("/api/v1/batches/" + id), b => b["status"]?.GetValue<string>() is "Completed" or "Rejected" or "Failed",
            TimeSpan.FromSeconds(60), "the file is processed");
    }
}
