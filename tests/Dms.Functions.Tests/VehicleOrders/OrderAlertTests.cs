using System.Net;
using System.Text.Json.Nodes;
using static Dms.Functions.Tests.VehicleOrders.OrderRequests;

namespace Dms.Functions.Tests.VehicleOrders;

/// <summary>
/// Business alerts through durable timers, on a hub whose clock is fake and whose work loop is off, so the test runs
/// each timer itself: raised once when due, listed and acknowledged by operators, cleared when the condition ends.
/// </summary>
public sealed class OrderAlertTests(FakeClockHubFixture fixture) : IClassFixture<FakeClockHubFixture>
{
    private HubHost Hub => fixture.Hub;

    [Fact]
    public async Task NotScheduled_RaisedOnceWhenDue_Acknowledged_ClearedWhenScheduled()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        using var admin = Hub.Client(HubSettings.AdminKey);
        var trackingId = await dealer.SubmitValidOrderAsync(OrderNow());
        await dealer.MoveAsync(trackingId, Event("Accepted"));
        var id = trackingId + ".ORDER_NOT_SCHEDULED";

        Assert.Equal(0, await RunTimersAsync(trackingId));
        fixture.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await RunTimersAsync(trackingId));
        await dealer.MoveAsync(trackingId, Event("HoldSet", new() { ["hold"] = new JsonObject { ["reasonClass"] = "Dealer" } }));
        var open = await admin.GetJsonAsync("/api/v1/admin/alerts?dealerCode=" + dealer.Dealer.Code);
        using var acknowledge = await admin.PostJsonAsync($"/api/v1/admin/alerts/{id}/acknowledge", new JsonObject { ["note"] = "Called the plant." });
        await dealer.MoveAsync(trackingId, Event("Scheduled"));
        await RunTimersAsync(trackingId);
        var cleared = await admin.GetJsonAsync("/api/v1/admin/alerts/" + id);

        var alert = Assert.Single(open["items"]!.AsArray(), a => a!["code"]!.GetValue<string>() == "ORDER_NOT_SCHEDULED")!;
        Assert.Equal(("Open", 1, trackingId), (alert["status"]!.GetValue<string>(), alert["occurrences"]!.GetValue<int>(), alert["trackingId"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, acknowledge.StatusCode);
        Assert.Equal(("operator", "Called the plant."), ((await acknowledge.ReadJsonAsync())["acknowledgedBy"]!.GetValue<string>(), cleared["history"]![1]!["note"]!.GetValue<string>()));
        Assert.Equal("Cleared", cleared["status"]!.GetValue<string>());
        Assert.Equal(["Raised", "Acknowledged", "Cleared"], cleared["history"]!.AsArray().Select(h => h!["event"]!.GetValue<string>()));
        Assert.Empty((await admin.GetJsonAsync($"/api/v1/admin/alerts?dealerCode={dealer.Dealer.Code}&code=ORDER_NOT_SCHEDULED"))["items"]!.AsArray());
    }

    [Fact]
    public async Task HoldOlderThanFiveDays_Raised_ClearedOnRelease_EtaSlip_RaisedAtOnce()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        using var admin = Hub.Client(HubSettings.AdminKey);
        var trackingId = await dealer.SubmitValidOrderAsync(OrderNow());
        var now = fixture.Clock.GetUtcNow();
        await dealer.MoveAsync(trackingId, Event("Accepted"), Event("Scheduled", new() { ["eta"] = Eta(20, 24, now) }),
            Event("HoldSet", new() { ["hold"] = new JsonObject { ["reasonClass"] = "Material", ["reasonCode"] = "3500" } }));

        fixture.Clock.Advance(TimeSpan.FromDays(5) + TimeSpan.FromMinutes(1));
        await RunTimersAsync(trackingId);
        var held = await AlertCodesAsync(admin, dealer, "Open");
        await dealer.MoveAsync(trackingId, Event("HoldReleased"), Event("EtaUpdated", new() { ["eta"] = Eta(30, 35, fixture.Clock.GetUtcNow()) }));
        await RunTimersAsync(trackingId);

        Assert.Equal(["HOLD_TOO_LONG"], held);
        Assert.Equal(["ETA_SLIPPED"], await AlertCodesAsync(admin, dealer, "Open"));
        Assert.Equal(["HOLD_TOO_LONG"], await AlertCodesAsync(admin, dealer, "Cleared"));
    }

    [Fact]
    public async Task Alerts_NotForDealers_403_UnknownAlert_404()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        using var admin = Hub.Client(HubSettings.AdminKey);

        using var asDealer = await dealer.Http.GetAsync("/api/v1/admin/alerts");
        using var unknown = await admin.PostAsync($"/api/v1/admin/alerts/{dealer.Dealer.Code}-01K00000000000000000000000.ORDER_NOT_SCHEDULED/acknowledge", null);

        Assert.Equal(HttpStatusCode.Forbidden, asDealer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    /// <summary>A valid order as of the fake clock, which earlier tests of the class may have moved on.</summary>
    private JsonObject OrderNow()
    {
        var today = DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);
        var order = TestDocuments.Order();
        order["allocationPeriod"] = today.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        order["requestedDelivery"] = new JsonObject { ["earliest"] = TestDocuments.Date(today.AddDays(30)), ["latest"] = TestDocuments.Date(today.AddDays(60)) };
        return order;
    }

    private Task<int> RunTimersAsync(string trackingId) => fixture.RunTimersAsync(trackingId);

    private static async Task<List<string>> AlertCodesAsync(HttpClient admin, DealerSession dealer, string status) =>
        (await admin.GetJsonAsync($"/api/v1/admin/alerts?dealerCode={dealer.Dealer.Code}&status={status}"))["items"]!.AsArray()
            .Select(a => a!["code"]!.GetValue<string>()).Order().ToList();
}
