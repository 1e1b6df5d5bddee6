namespace Dms.Functions.Tests.Batches;

/// <summary>
/// The hub is killed (SIGKILL) in the middle of importing a file and started again: the batch resumes from its
/// checkpoint, no row becomes two documents, and the HQ figures count every row once — the work the killed slice was
/// running with its rows (deliveries, rollups) is found by the recovery sweep.
/// </summary>
public sealed class BatchCrashTests(AzuriteFixture azurite) : IDisposable
{
    private readonly OemStub _oem = new();

    [Fact]
    public async Task KilledMidImport_Restarted_ResumesFromTheCheckpoint_EveryRowOneDocument_CountedOnce()
    {
        var settings = HubSettings.Defaults(azurite.ConnectionString, "c" + Guid.NewGuid().ToString("N")[..10], _oem.ClaimsUrl, _oem.RdrUrl);
        settings["Dms:Batches:SliceDocuments"] = "25";
        settings["Dms:Batches:ImportSliceDocuments"] = "25";
        settings["Dms:Batches:Parallelism"] = "4";
        var rows = Enumerable.Range(0, 400).Select(i => TestCsv.RdrRow(number: $"CRASH-{i:D4}")).ToList();

        var first = await HubProcess.StartAsync(settings);
        var dealer = await first.CreateDealerAsync();
        string batchId;
        using (var http = first.Client(dealer.ApiKey))
        {
            var (_, uploaded) = await BatchClient.UploadAsync(http, "retail-delivery-report", TestCsv.Bytes(TestCsv.File(TestCsv.RdrHeader, rows)));
            batchId = uploaded["batchId"]!.GetValue<string>();
            await Eventually.GetAsync(() => http.GetJsonAsync("/api/v1/batches/" + batchId),
                b => b["progress"]!["documentsImported"]!.GetValue<int>() >= 50, TimeSpan.FromSeconds(60), "import under way");
        }

        await first.KillAsync();

        await using var second = await HubProcess.StartAsync(settings);
        using var after = second.Client(dealer.ApiKey);
        var done = await BatchClient.FinishedAsync(after, batchId, TimeSpan.FromSeconds(120));

        Assert.Equal(("Completed", 400, 400), (done["status"]!.GetValue<string>(), done["progress"]!["rows"]!.GetValue<int>(), done["progress"]!["accepted"]!.GetValue<int>()));
        var numbers = new List<string>();
        string? token = null;
        do
        {
            var page = await after.GetJsonAsync("/api/v1/retail-delivery-reports?pageSize=100" + (token is null ? "" : "&continuationToken=" + token));
            numbers.AddRange(page["items"]!.AsArray().Select(i => i!["documentNumber"]!.GetValue<string>()));
            token = page["continuationToken"]?.GetValue<string>();
        }
        while (token is not null);

        Assert.Equal(400, numbers.Count);
        Assert.Equal(400, numbers.Distinct().Count());
        var results = (await after.GetJsonAsync($"/api/v1/batches/{batchId}/results?limit=1000"))["items"]!.AsArray();
        Assert.Equal(400, results.Select(r => r!["trackingId"]!.GetValue<string>()).Distinct().Count());
        using var hq = second.Client(await second.CreateHqUserAsync());
        var months = $"from={Month(TestDocuments.Today.AddDays(-40))}&to={Month(TestDocuments.Today)}";
        await Eventually.GetAsync(() => hq.GetJsonAsync($"/api/v1/hq/sales?basis=delivery&granularity=month&region=East&dealer={dealer.Code}&{months}"),
            b => b["total"]!["units"]!.GetValue<long>() == 400, TimeSpan.FromSeconds(60), "every row counted once in the HQ figures");
    }

    public void Dispose() => _oem.Dispose();

    private static string Month(DateOnly day) => day.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}
