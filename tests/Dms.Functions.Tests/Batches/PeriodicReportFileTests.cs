using System.Globalization;

namespace Dms.Functions.Tests.Batches;

/// <summary>
/// Periodic reports as files: a stock list keeps its good rows (PartiallyAccepted), a financial statement with one bad
/// line is rejected whole (its slot says so), and a corrected version is accepted.
/// </summary>
public sealed class PeriodicReportFileTests(BatchFixture fixture) : IClassFixture<BatchFixture>
{
    private const string StockHeader = "period,version,zero_report,parts_stock_value,parts_stock_currency,vin,model_code,days_in_stock,status";
    private const string FinancialHeader = "period,version,zero_report,account_code,description,amount,currency";

    private HubHost Hub => fixture.Hub;

    private static string LastMonth => TestDocuments.Today.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [Fact]
    public async Task StockFile_OneBadVehicleRow_LeftOut_VersionPartiallyAccepted()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        using var hq = Hub.Client(await Hub.CreateHqUserAsync());
        var rows = Enumerable.Range(0, 9).Select(i => $"{LastMonth},1,,1250000,CNY,{TestDocuments.NewVin()},AUR-SUV,{10 + i},InStock").ToList();
        rows[4] = $"{LastMonth},1,,1250000,CNY,{TestDocuments.NewVin()},AUR-SUV,-3,Sold";

        var batch = await BatchClient.UploadAndWaitAsync(dealer.Http, "monthly-stock-report", TestCsv.Bytes(TestCsv.File(StockHeader, rows)));

        Assert.Equal(("Completed", 1, 1, 1), (batch["status"]!.GetValue<string>(), batch["progress"]!["accepted"]!.GetValue<int>(), batch["progress"]!["linesLeftOut"]!.GetValue<int>(), batch["progress"]!["rowsInvalid"]!.GetValue<int>()));
        var errors = (await dealer.Http.GetJsonAsync(batch["links"]!["errors"]!.GetValue<string>()))["items"]!.AsArray();
        Assert.Contains(errors, e => e!["row"]!.GetValue<int>() == 6 && e["column"]!.GetValue<string>() == "days_in_stock");
        Assert.Contains(errors, e => e!["row"]!.GetValue<int>() == 6 && e["column"]!.GetValue<string>() == "status");
        var cell = await Eventually.GetAsync(() => CellAsync(hq, dealer.Dealer.Code, "monthly-stock-report"), c => c?["status"]?.GetValue<string>() == "PartiallyAccepted", what: "slot partially accepted");
        Assert.Equal((8, 9), (cell!["lines"]!.GetValue<int>(), cell["declaredLines"]!.GetValue<int>()));
    }

    [Fact]
    public async Task FinancialFile_OneBadLine_RejectedWhole_SlotRejected_CorrectedVersionAccepted()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        using var hq = Hub.Client(await Hub.CreateHqUserAsync());
        string[] Lines(int version, string amount) =>
            [$"{LastMonth},{version},,4000,New vehicle sales,125000000,CNY", $"{LastMonth},{version},,6100,\"Floor plan interest, net\",{amount},CNY"];

        var rejected = await BatchClient.UploadAndWaitAsync(dealer.Http, "monthly-financial-statement", TestCsv.Bytes(TestCsv.File(FinancialHeader, Lines(1, "-4200.50"))));

        Assert.Equal(("Rejected", 0, 0), (rejected["status"]!.GetValue<string>(), rejected["progress"]!["accepted"]!.GetValue<int>(), rejected["progress"]!["documentsImported"]!.GetValue<int>()));
        var cell = await Eventually.GetAsync(() => CellAsync(hq, dealer.Dealer.Code, "monthly-financial-statement"), c => c?["status"]?.GetValue<string>() == "Rejected", what: "slot rejected");
        Assert.Equal(rejected["batchId"]!.GetValue<string>(), cell!["batchId"]!.GetValue<string>());

        var accepted = await BatchClient.UploadAndWaitAsync(dealer.Http, "monthly-financial-statement", TestCsv.Bytes(TestCsv.File(FinancialHeader, Lines(2, "-420050"))));

        Assert.Equal(("Completed", 1), (accepted["status"]!.GetValue<string>(), accepted["progress"]!["accepted"]!.GetValue<int>()));
        cell = await Eventually.GetAsync(() => CellAsync(hq, dealer.Dealer.Code, "monthly-financial-statement"), c => c?["status"]?.GetValue<string>() == "Accepted", what: "slot accepted");
        Assert.Equal(2, cell!["version"]!.GetValue<int>());
    }

    private static async Task<System.Text.Json.Nodes.JsonNode?> CellAsync(HttpClient hq, string dealer, string report)
    {
        var matrix = await hq.GetJsonAsync($"/api/v1/hq/periodic-reports?period={LastMonth}&report={report}");
        return matrix["rows"]!.AsArray().FirstOrDefault(r => r!["dealer"]!.GetValue<string>() == dealer)?["reports"]?[report];
    }
}
