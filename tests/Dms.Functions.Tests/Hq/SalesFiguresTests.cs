using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Dms.Functions.Tests.Hq;

/// <summary>
/// HQ sales figures against a recount the test keeps itself (RELIABILITY.md C5): a burst of RDRs from concurrent
/// dealers of one region, with duplicates, unwinds and OEM rejections, and the figures the hub answers afterwards.
/// </summary>
public sealed class SalesFiguresTests(HubFixture fixture) : IClassFixture<HubFixture>
{
    private static readonly string[] Models = ["AUR-SUV", "BOR-SED", "AUR-EV"];
    private static readonly string[] SaleTypes = ["Retail", "Lease", "Fleet"];

    private HubHost Hub => fixture.Hub;

    [Fact]
    public async Task Burst_ConcurrentDealersWithDuplicatesUnwindsAndRejections_FiguresEqualRecount()
    {
        var region = "R" + Guid.NewGuid().ToString("N")[..6];
        var dealers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Hub.CreateDealerAsync(region: region, district: i % 2 == 0 ? "North" : "South")));
        var random = new Random(20261130);
        var today = TestDocuments.Today;
        var plan = dealers.SelectMany(d => Enumerable.Range(0, 15).Select(_ =>
        {
            var delivered = today.AddDays(-1 - random.Next(45));
            var body = TestDocuments.Rdr(TestDocuments.NewVin(), delivered);
            body["saleDate"] = TestDocuments.Date(delivered.AddDays(-random.Next(3)));
            body["vehicle"]!["modelCode"] = Models[random.Next(Models.Length)];
            body["saleType"] = SaleTypes[random.Next(SaleTypes.Length)];
            return new Planned(d, body, Duplicate: random.NextDouble() < 0.2, Unwind: random.NextDouble() < 0.2, RejectedByOem: random.NextDouble() < 0.05);
        })).ToList();
        foreach (var rejected in plan.Where(p => p.RejectedByOem))
        {
            fixture.Oem.Script(rejected.Number, r => r.WithStatusCode(422).WithBodyAsJson(new { error = "unknown dealer vehicle" }));
        }

        await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = 10 }, async (report, _) =>
        {
            using var http = Hub.Client(report.Dealer.ApiKey);
            var trackingId = await SubmitAsync(http, report.Body);
            if (report.Duplicate)
            {
                Assert.Equal(trackingId, await SubmitAsync(http, report.Body));
            }

            if (report.Unwind && !report.RejectedByOem)
            {
                using var unwind = await http.PostJsonAsync($"/api/v1/retail-delivery-reports/{trackingId}/unwind", new JsonObject { ["reason"] = "FINANCING_DECLINED" });
                Assert.Equal(HttpStatusCode.Accepted, unwind.StatusCode);
            }
        });

        using var hq = Hub.Client(await Hub.CreateHqUserAsync());
        var counted = plan.Where(p => !p.RejectedByOem).ToList();
        var months = counted.Select(p => Month(p.SaleDate)).Order(StringComparer.Ordinal).ToList();
        var expected = counted.GroupBy(p => (Month(p.SaleDate), p.Dealer.Code, p.Model, p.SaleType))
            .ToDictionary(g => g.Key, g => (Sold: (long)g.Count(), Unwound: (long)g.Count(p => p.Unwind)));
        var query = $"/api/v1/hq/sales?basis=sale&granularity=month&groupBy=dealer,model,saleType&region={region}&from={months[0]}&to={months[^1]}";

        var figures = await Eventually.GetAsync(() => hq.GetJsonAsync(query), body => Matches(body, expected), TimeSpan.FromSeconds(60), "sales figures equal to the recount");

        var lag = figures["total"]!["lag"]!.AsObject();
        Assert.Equal(counted.Count(p => (today.DayNumber - p.Delivered.DayNumber) is >= 8 and <= 30), lag["8-30"]!.GetValue<long>());
        Assert.Equal(counted.Count(p => today.DayNumber - p.Delivered.DayNumber > 30), lag["31+"]!.GetValue<long>());
        var byDelivery = await hq.GetJsonAsync($"/api/v1/hq/sales?basis=delivery&granularity=day&groupBy=district&region={region}&from={TestDocuments.Date(today.AddDays(-60))}&to={TestDocuments.Date(today)}");
        Assert.Equal(counted.Count(p => !p.Unwind), byDelivery["total"]!["units"]!.GetValue<long>());
        Assert.Equal(counted.Count(p => !p.Unwind && p.Dealer.Code == dealers[0].Code), await DealerUnitsAsync(hq, region, dealers[0].Code));
    }

    [Fact]
    public async Task RegionalManager_EveryHqRoute_SeesOnlyItsRegion_AndAnotherRegionsDealerIs404()
    {
        var region = "R" + Guid.NewGuid().ToString("N")[..6];
        var own = await Hub.CreateDealerAsync(region: region, district: "Lakeside");
        var foreign = await Hub.CreateDealerAsync(region: "Else" + region, district: "Hills");
        foreach (var dealer in new[] { own, foreign })
        {
            using var http = Hub.Client(dealer.ApiKey);
            await SubmitAsync(http, TestDocuments.Rdr(TestDocuments.NewVin()));
        }

        using var manager = Hub.Client(await Hub.CreateHqUserAsync(region));
        using var hq = Hub.Client(await Hub.CreateHqUserAsync());
        using var dealerKey = Hub.Client(own.ApiKey);

        var mine = await Eventually.GetAsync(() => manager.GetJsonAsync("/api/v1/hq/sales?groupBy=region,dealer&granularity=day"),
            b => b["total"]!["units"]!.GetValue<long>() == 1, TimeSpan.FromSeconds(30), "own region's sale counted");
        Assert.All(mine["rows"]!.AsArray(), r => Assert.Equal(region, r!["region"]!.GetValue<string>()));
        Assert.Equal(region, mine["scope"]!["region"]!.GetValue<string>());
        var all = await Eventually.GetAsync(() => hq.GetJsonAsync($"/api/v1/hq/sales?groupBy=region&granularity=day&dealer={foreign.Code}"),
            b => b["total"]!["units"]!.GetValue<long>() == 1, TimeSpan.FromSeconds(30), "HQ sees the other region");
        Assert.NotNull(all);

        foreach (var path in new[]
                 {
                     $"/api/v1/hq/sales?dealer={foreign.Code}", $"/api/v1/hq/sales?region=Else{region}", $"/api/v1/hq/dealers/{foreign.Code}",
                     "/api/v1/hq/dealers/NOSUCHDEALER",
                 })
        {
            using var response = await manager.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, path);
            Assert.Equal("NOT_FOUND", (await response.ReadJsonAsync())["code"]!.GetValue<string>());
        }

        var dealers = (await manager.GetJsonAsync("/api/v1/hq/dealers"))["items"]!.AsArray();
        Assert.Contains(dealers, d => d!["code"]!.GetValue<string>() == own.Code);
        Assert.All(dealers, d => Assert.Equal(region, d!["region"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/v1/hq/dealers/{own.Code}")).StatusCode);
        Assert.DoesNotContain(foreign.Code, await manager.GetStringAsync("/api/v1/hq/dealers?format=csv"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await dealerKey.GetAsync("/api/v1/hq/sales")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/v1/admin/dead-letters")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/v1/retail-delivery-reports")).StatusCode);
    }

    [Fact]
    public async Task CsvExport_CellsStartingWithFormulaCharacters_AreNeutralised()
    {
        var region = "=cmd|' /C calc'!A0";
        var dealer = await Hub.CreateDealerAsync(region: region, district: "+SUM(A1:A9)");
        using (var http = Hub.Client(dealer.ApiKey))
        {
            await SubmitAsync(http, TestDocuments.Rdr(TestDocuments.NewVin()));
        }

        using var hq = Hub.Client(await Hub.CreateHqUserAsync());
        var csv = await Eventually.GetAsync(() => hq.GetStringAsync($"/api/v1/hq/sales?granularity=day&groupBy=region,district,dealer&dealer={dealer.Code}&format=csv"),
            text => text.Contains(dealer.Code, StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the sale in the export");

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("period,region,district,dealer,units,sold,unwound,last_year_units", lines[0], StringComparison.Ordinal);
        var row = lines.Single(l => l.Contains(dealer.Code, StringComparison.Ordinal));
        Assert.Contains("'=cmd|' /C calc'!A0,'+SUM(A1:A9)," + dealer.Code + ",1,1,0", row, StringComparison.Ordinal);
        Assert.DoesNotContain(csv.Split("\r\n").SelectMany(l => l.Split(',')), cell => cell.TrimStart('"').Length > 0 && cell.TrimStart('"')[0] is '=' or '+' or '@');
        var dealersCsv = await hq.GetStringAsync("/api/v1/hq/dealers?format=csv");
        Assert.Contains("'+SUM(A1:A9)", dealersCsv, StringComparison.Ordinal);
    }

    private static async Task<long> DealerUnitsAsync(HttpClient hq, string region, string dealer)
    {
        var body = await hq.GetJsonAsync($"/api/v1/hq/sales?basis=delivery&granularity=month&region={region}&dealer={dealer}&from={Month(TestDocuments.Today.AddDays(-60))}&to={Month(TestDocuments.Today)}");
        return body["total"]!["units"]!.GetValue<long>();
    }

    private static bool Matches(JsonObject body, Dictionary<(string, string, string, string), (long Sold, long Unwound)> expected)
    {
        var actual = body["rows"]!.AsArray()
            .Select(r => r!.AsObject())
            .Where(r => r["sold"]!.GetValue<long>() != 0 || r["unwound"]!.GetValue<long>() != 0)
            .ToDictionary(
                r => (r["period"]!.GetValue<string>(), r["dealer"]!.GetValue<string>(), r["model"]!.GetValue<string>(), r["saleType"]!.GetValue<string>()),
                r => (r["sold"]!.GetValue<long>(), r["unwound"]!.GetValue<long>()));
        return actual.Count == expected.Count && expected.All(e => actual.TryGetValue(e.Key, out var a) && a == e.Value);
    }

    private static async Task<string> SubmitAsync(HttpClient http, JsonObject body)
    {
        using var response = await http.PostJsonAsync("/api/v1/retail-delivery-reports", body);
        var json = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, json.ToJsonString());
        return json["trackingId"]!.GetValue<string>();
    }

    private static string Month(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private sealed record Planned(TestDealer Dealer, JsonObject Body, bool Duplicate, bool Unwind, bool RejectedByOem)
    {
        public string Number => Body["reportNumber"]!.GetValue<string>();

        public DateOnly SaleDate => DateOnly.ParseExact(Body["saleDate"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture);

        public DateOnly Delivered => DateOnly.ParseExact(Body["deliveryDate"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture);

        public string Model => Body["vehicle"]!["modelCode"]!.GetValue<string>();

        public string SaleType => Body["saleType"]!.GetValue<string>();
    }
}
