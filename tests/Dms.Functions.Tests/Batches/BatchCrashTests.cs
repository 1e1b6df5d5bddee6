namespace Dms.Functions.Tests.Batches;

/// <summary>The hub is killed (SIGKILL) in the middle of importing a file and started again: the batch resumes from its checkpoint, and no row becomes two documents.</summary>
public sealed class BatchCrashTests(AzuriteFixture azurite) : IDisposable
{
    private readonly OemStub _oem = new();

    [Fact]
    public async Task KilledMidImport_Restarted_ResumesFromTheCheckpoint_EveryRowOneDocument()
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
    }

    public void Dispose() => _oem.Dispose();
}
