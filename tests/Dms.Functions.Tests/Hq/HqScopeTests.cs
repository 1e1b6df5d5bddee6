using System.Globalization;
using System.Net;
using Dms.Hub.Alerts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;

namespace Dms.Functions.Tests.Hq;

/// <summary>
/// Region scoping of every HQ route, taken from the app's own endpoint table (so a new HQ route is covered too): a
/// regional manager gets the same 404 for another region's dealer, its batch or its reports as for a missing one, and
/// every list, figure and export holds only its region.
/// </summary>
public sealed class HqScopeTests(HubFixture fixture) : IClassFixture<HubFixture>
{
    private HubHost Hub => fixture.Hub;

    [Fact]
    public async Task EveryHqRoute_RegionalManager_AnotherRegionIsA404_AndEveryListAndExportHoldsOnlyItsRegion()
    {
        var region = "R" + Guid.NewGuid().ToString("N")[..6];
        var own = await DealerSession.StartAsync(Hub, region: region);
        var foreign = await DealerSession.StartAsync(Hub, region: "F" + region);
        var lastMonth = TestDocuments.Today.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var ids = new Dictionary<string, string>();
        var alerts = new Dictionary<string, string>();
        foreach (var dealer in new[] { own, foreign })
        {
            await dealer.RetailAsync();
            using var report = await dealer.Http.PostJsonAsync("/api/v1/monthly-stock-reports", TestReports.Stock(lastMonth));
            Assert.Equal(HttpStatusCode.Accepted, report.StatusCode);
            var (_, batch) = await Batches.BatchClient.UploadAsync(dealer.Http, "retail-delivery-report", TestCsv.Bytes(TestCsv.File(TestCsv.RdrHeader, [TestCsv.RdrRow(), "x,y"])));
            ids[dealer.Dealer.Code] = batch["batchId"]!.GetValue<string>();
            await Batches.BatchClient.FinishedAsync(dealer.Http, ids[dealer.Dealer.Code]);

            // An escalation alert of each dealer (this hub has no reporting calendar; raised as the ladder would).
            var subject = new AlertSubject(dealer.Dealer.Code, "monthly-stock-report", $"{dealer.Dealer.Code}-monthly-stock-report-{lastMonth}", lastMonth);
            await Hub.Service<BusinessAlerts>().RaiseAsync(subject, "REPORT_LATE", "Periodic report late", "test", default);
            alerts[dealer.Dealer.Code] = AlertRecord.MakeId(subject.Id, "REPORT_LATE");
        }

        using var manager = Hub.Client(await Hub.CreateHqUserAsync(region));
        var routes = Hub.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == "hq"))
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Contains("GET"))
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).ToList();
        Assert.NotEmpty(routes);

        foreach (var route in routes)
        {
            string For(DealerSession dealer) => route.Replace("{code}", dealer.Dealer.Code, StringComparison.Ordinal)
                .Replace("{id}", (route.Contains("/alerts/", StringComparison.Ordinal) ? alerts : ids)[dealer.Dealer.Code], StringComparison.Ordinal)
                + (route.EndsWith("/periodic-reports", StringComparison.Ordinal) && !route.Contains('{', StringComparison.Ordinal) ? "?period=" + lastMonth : string.Empty);
            if (route.Contains('{', StringComparison.Ordinal))
            {
                using var mine = await manager.GetAsync(For(own));
                using var theirs = await manager.GetAsync(For(foreign));
                Assert.True(mine.StatusCode == HttpStatusCode.OK, $"{route}: own region answered {(int)mine.StatusCode}");
                Assert.True(theirs.StatusCode == HttpStatusCode.NotFound, $"{route}: another region answered {(int)theirs.StatusCode}");
                continue;
            }

            foreach (var format in new[] { string.Empty, (For(own).Contains('?', StringComparison.Ordinal) ? "&" : "?") + "format=csv" })
            {
                var path = For(own) + format;
                var text = await Eventually.GetAsync(() => manager.GetStringAsync(path), t => !route.EndsWith("/sales", StringComparison.Ordinal) || t.Contains(own.Dealer.Code, StringComparison.Ordinal) || !path.Contains("groupBy", StringComparison.Ordinal),
                    TimeSpan.FromSeconds(30), path);
                Assert.DoesNotContain(foreign.Dealer.Code, text, StringComparison.Ordinal);
                Assert.DoesNotContain("F" + region, text, StringComparison.Ordinal);
            }
        }

        var figures = await Eventually.GetAsync(() => manager.GetJsonAsync("/api/v1/hq/sales?granularity=day&groupBy=dealer"), b => b["total"]!["units"]!.GetValue<long>() == 2,
            TimeSpan.FromSeconds(30), "the region's two RDRs (one by REST, one from the file)");
        Assert.All(figures["rows"]!.AsArray(), r => Assert.Equal(own.Dealer.Code, r!["dealer"]!.GetValue<string>()));
        own.Dispose();
        foreign.Dispose();
    }
}
