using System.Net;
using System.Text.Json.Nodes;
using static Dms.Functions.Tests.VehicleOrders.OrderRequests;

namespace Dms.Functions.Tests.VehicleOrders;

/// <summary>List filters declared by the order type (model, order type, on hold, ETA before/after), server-side and paged.</summary>
public sealed class OrderListTests(HubFixture fixture) : IClassFixture<HubFixture>
{
    private HubHost Hub => fixture.Hub;

    [Fact]
    public async Task List_FilteredByTheTypesSummaryFields_AndByStatus_Paged()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var stock = await dealer.SubmitValidOrderAsync();
        var sold = TestDocuments.Order(model: "AUR-EV");
        sold["orderType"] = "Sold";
        sold["priority"] = 3;
        sold["customerReference"] = "DEAL-7";
        var ev = await dealer.SubmitValidOrderAsync(sold);
        var third = await dealer.SubmitValidOrderAsync();
        var now = DateTimeOffset.UtcNow;
        await dealer.MoveAsync(stock, Event("Accepted"), Event("InTransit", new() { ["eta"] = Eta(5, 9, now) }));
        await dealer.MoveAsync(third, Event("Accepted"), Event("Scheduled", new() { ["eta"] = Eta(40, 45, now) }));
        await dealer.MoveAsync(ev, Event("HoldSet", new() { ["hold"] = new JsonObject { ["reasonClass"] = "Finance" } }));

        Assert.Equal([ev], await IdsAsync(dealer, "?model=AUR-EV"));
        Assert.Equal([ev], await IdsAsync(dealer, "?orderType=Sold"));
        Assert.Equal([ev], await IdsAsync(dealer, "?onHold=true"));
        Assert.Equal([stock, third], await IdsAsync(dealer, "?onHold=false"));
        Assert.Equal([stock], await IdsAsync(dealer, "?etaBefore=" + TestDocuments.Date(TestDocuments.Today.AddDays(20))));
        Assert.Equal([third], await IdsAsync(dealer, "?etaAfter=" + TestDocuments.Date(TestDocuments.Today.AddDays(20))));
        Assert.Equal([stock], await IdsAsync(dealer, "?status=InTransit&model=AUR-SUV"));
        var first = await dealer.Http.GetJsonAsync(Orders + "?model=AUR-SUV&pageSize=1");
        var second = await dealer.Http.GetJsonAsync(Orders + "?model=AUR-SUV&pageSize=1&continuationToken=" + first["continuationToken"]!.GetValue<string>());
        Assert.Equal([stock, third], first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(i => i!["trackingId"]!.GetValue<string>()));
        Assert.Equal(("AUR-SUV", "true"), (first["items"]![0]!["fields"]!["model"]!.GetValue<string>(), (await dealer.Http.GetJsonAsync(Orders + "?onHold=true"))["items"]![0]!["fields"]!["onHold"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("onHold=maybe", "onHold")]
    [InlineData("orderType=Lease", "orderType")]
    [InlineData("etaBefore=tomorrow", "etaBefore")]
    [InlineData("etaAfter=2026-13-01", "etaAfter")]
    public async Task List_BadFilter_400WithTheParameter(string query, string parameter)
    {
        using var dealer = await DealerSession.StartAsync(Hub);

        using var response = await dealer.Http.GetAsync(Orders + "?" + query);
        var problem = await response.ReadJsonAsync();

        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_QUERY", parameter), (response.StatusCode, problem["code"]!.GetValue<string>(), problem["errors"]![0]!["path"]!.GetValue<string>()));
    }

    private static async Task<List<string>> IdsAsync(DealerSession dealer, string query) =>
        (await dealer.Http.GetJsonAsync(Orders + query))["items"]!.AsArray().Select(i => i!["trackingId"]!.GetValue<string>()).ToList();
}
