using System.Globalization;
using System.Text.Json.Nodes;

namespace Dms.Functions.Tests.Batches;

/// <summary>
/// What a file's rows cause (delivery to the OEM, the HQ sales rollups) is done with the slice that imported them, in
/// shared transactions: by the time the batch says Completed every row is delivered, and the figures equal a recount —
/// also after rows the OEM refused, and after the same file is sent again.
/// </summary>
public sealed class BatchWorkTests(HubFixture fixture) : IClassFixture<HubFixture>
{
    private static readonly string[] Models = ["AUR-SUV", "BOR-SED", "AUR-EV"];
    private static readonly string[] SaleTypes = ["Retail", "Lease"];

    private HubHost Hub => fixture.Hub;

    [Fact]
    public async Task RdrFile_RowsDeliveredWithTheirSlice_FiguresEqualRecount_OemRefusalsSubtracted_SameFileAgainCountsNothingTwice()
    {
        var region = "R" + Guid.NewGuid().ToString("N")[..6];
        using var dealer = await DealerSession.StartAsync(Hub, region: region);
        var random = new Random(20261130);
        var planned = Enumerable.Range(0, 90).Select(i => new Row(
            "RDR-" + TestDocuments.Next(), TestDocuments.Today.AddDays(-1 - random.Next(20)), Models[random.Next(Models.Length)], SaleTypes[random.Next(SaleTypes.Length)], Refused: i % 29 == 5)).ToList();
        foreach (var refused in planned.Where(r => r.Refused))
        {
            fixture.Oem.Script(refused.Number, r => r.WithStatusCode(422).WithBodyAsJson(new { error = "unknown dealer vehicle" }));
        }

        var file = TestCsv.Bytes(TestCsv.File(TestCsv.RdrHeader, planned.Select(r => TestCsv.RdrRow(r.Number, delivered: r.Delivered, model: r.Model, saleType: r.SaleType))));

        var first = await BatchClient.UploadAndWaitAsync(dealer.Http, "retail-delivery-report", file);

        Assert.Equal(("Completed", 90), (first["status"]!.GetValue<string>(), first["progress"]!["accepted"]!.GetValue<int>()));
        var results = (await dealer.Http.GetJsonAsync(first["links"]!["results"]!.GetValue<string>() + "?limit=200"))["items"]!.AsArray()
            .Select(r => r!["trackingId"]!.GetValue<string>()).ToList();
        Assert.Equal(90, results.Count);
        foreach (var trackingId in results)
        {
            // No waiting: a row's delivery ran with its slice, before the next slice and before the batch completed.
            var stored = await dealer.Http.GetJsonAsync("/api/v1/retail-delivery-reports/" + trackingId);
            var deliveries = stored["deliveries"]!.AsArray();
            Assert.True(deliveries.Count == 1 && deliveries[0]!["status"]!.GetValue<string>() is "Delivered" or "Failed", stored.ToJsonString());
        }

        // The rows' work was recorded in journals (WorkJournal), not a row each; every journal goes once its work settled.
        await Eventually.GetAsync(() => PendingWorkAsync(dealer.Dealer.Code), left => left == 0, TimeSpan.FromSeconds(30), "no work row of the dealer left");

        using var hq = Hub.Client(await Hub.CreateHqUserAsync());
        var counted = planned.Where(r => !r.Refused).GroupBy(r => (Day(r.Delivered), r.Model, r.SaleType)).ToDictionary(g => g.Key, g => (long)g.Count());
        var query = $"/api/v1/hq/sales?basis=delivery&granularity=day&groupBy=model,saleType&region={region}&from={Day(TestDocuments.Today.AddDays(-25))}&to={Day(TestDocuments.Today)}";
        await Eventually.GetAsync(() => hq.GetJsonAsync(query), body => Matches(body, counted), TimeSpan.FromSeconds(60), "sales figures equal to the recount");

        var again = await BatchClient.UploadAndWaitAsync(dealer.Http, "retail-delivery-report", file);

        Assert.Equal((90, 90), (again["progress"]!["accepted"]!.GetValue<int>(), again["progress"]!["replayed"]!.GetValue<int>()));
        Assert.True(Matches(await hq.GetJsonAsync(query), counted), "the figures after the same file again");
        var listed = await dealer.Http.GetJsonAsync("/api/v1/retail-delivery-reports?pageSize=100");
        Assert.Equal(90, listed["items"]!.AsArray().Count);
    }

    private async Task<int> PendingWorkAsync(string dealerCode)
    {
        var count = 0;
        await foreach (var item in Hub.Service<Dms.Hub.Storage.IWorkStore>().ScanPendingAsync(CancellationToken.None))
        {
            // What a row's delivery and rollup leave (a durable timer of an alert rule may wait for days: not counted).
            count += item.DealerCode == dealerCode && item.Kind is Dms.Hub.Work.WorkKinds.Journal or Dms.Hub.Work.WorkKinds.Deliver or Dms.Hub.Work.WorkKinds.Effect ? 1 : 0;
        }

        return count;
    }

    private static bool Matches(JsonObject body, Dictionary<(string, string, string), long> expected)
    {
        var actual = body["rows"]!.AsArray()
            .Select(r => r!.AsObject())
            .Where(r => r["sold"]!.GetValue<long>() != 0)
            .ToDictionary(r => (r["period"]!.GetValue<string>(), r["model"]!.GetValue<string>(), r["saleType"]!.GetValue<string>()), r => r["sold"]!.GetValue<long>());
        return actual.Count == expected.Count && expected.All(e => actual.TryGetValue(e.Key, out var a) && a == e.Value);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record Row(string Number, DateOnly Delivered, string Model, string SaleType, bool Refused);
}
