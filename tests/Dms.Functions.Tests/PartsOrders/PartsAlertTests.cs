using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using static Dms.Functions.Tests.PartsOrders.PartsRequests;

namespace Dms.Functions.Tests.PartsOrders;

/// <summary>
/// Parts alerts and "ack overdue" on a hub whose clock is fake and whose work loop is off, so each test runs the
/// durable timers itself: VOR not acknowledged in time, ship notice missing after the promised date, discrepancy
/// unresolved — each raised once when due and cleared when its condition ends — and ackOverdue filterable by the
/// dealer and, across dealers, by operators. The tests of the class share one fake clock, which each moves ahead of
/// the wall clock, so every date the hub judges (a promised ship date) is taken from that clock: a date from the wall
/// clock would lie days in the hub's past — an acknowledgement would raise SHIP_NOTICE_MISSING at once.
/// </summary>
public sealed class PartsAlertTests(FakeClockHubFixture fixture) : IClassFixture<FakeClockHubFixture>
{
    private HubHost Hub => fixture.Hub;

    private DateOnly Today => DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task Vor_NotAcknowledgedByItsDueTime_AlertRaisedOnce_AckOverdueForDealerAndOperators_ClearedByTheAck()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        using var admin = Hub.Client(HubSettings.AdminKey);
        var trackingId = await dealer.SubmitValidPartsOrderAsync(VorOrder());
        var overdue = $"{Orders}?ackOverdue=true";
        var operators = $"/api/v1/admin/parts-orders?ackOverdue=true&dealerCode={dealer.Dealer.Code}";

        var early = await RunTimersAsync(trackingId);
        var notYet = await dealer.Http.GetJsonAsync(overdue);
        fixture.Clock.Advance(TimeSpan.FromHours(0.02) + TimeSpan.FromSeconds(1));
        var due = await RunTimersAsync(trackingId);
        var mine = await dealer.Http.GetJsonAsync(overdue);
        var all = await admin.GetJsonAsync(operators);
        var raised = await AlertsAsync(admin, dealer, "Open");
        await RunTimersAsync(trackingId);
        await dealer.DepotAsync(trackingId, Ack((1, [Accepted(promisedInDays: 3, today: Today)]), (2, [Accepted(promisedInDays: 3, today: Today)])));
        await RunTimersAsync(trackingId);

        Assert.Equal(0, early);
        Assert.Empty(notYet["items"]!.AsArray());
        Assert.Equal(2, due);
        Assert.Equal([trackingId], mine["items"]!.AsArray().Select(i => i!["trackingId"]!.GetValue<string>()));
        Assert.Equal([(trackingId, dealer.Dealer.Code)], all["items"]!.AsArray().Select(i => (i!["trackingId"]!.GetValue<string>(), i["dealerCode"]!.GetValue<string>())));
        var alert = Assert.Single(raised)!;
        Assert.Equal(("VOR_NOT_ACKNOWLEDGED", trackingId, 1), (alert["code"]!.GetValue<string>(), alert["trackingId"]!.GetValue<string>(), alert["occurrences"]!.GetValue<int>()));
        Assert.Empty(await AlertsAsync(admin, dealer, "Open"));
        Assert.Single(await AlertsAsync(admin, dealer, "Cleared"));
        Assert.Empty((await dealer.Http.GetJsonAsync(overdue))["items"]!.AsArray());
        Assert.Empty((await admin.GetJsonAsync(operators))["items"]!.AsArray());
    }

    [Fact]
    public async Task StockOrder_AckOverdueAfterTheNextBusinessDay_NoVorAlert()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        using var admin = Hub.Client(HubSettings.AdminKey);
        var trackingId = await dealer.SubmitValidPartsOrderAsync();
        var due = DateTimeOffset.Parse((await dealer.PartsOrderAsync(trackingId))["fields"]!["ackDueAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);

        fixture.Clock.Advance(due - fixture.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        await RunTimersAsync(trackingId);
        var order = await dealer.PartsOrderAsync(trackingId);

        Assert.InRange(due - DateTimeOffset.Parse(order["submittedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture), TimeSpan.FromHours(1), TimeSpan.FromDays(4));
        Assert.Equal("true", order["fields"]!["ackOverdue"]!.GetValue<string>());
        Assert.Empty(await AlertsAsync(admin, dealer, "Open"));
    }

    [Fact]
    public async Task ShipNoticeMissing_AfterThePromisedDay_ClearedByTheShipNotice()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        using var admin = Hub.Client(HubSettings.AdminKey);
        var trackingId = await dealer.SubmitValidPartsOrderAsync();
        await dealer.DepotAsync(trackingId, Ack((1, [Accepted(promisedInDays: 0, today: Today)]), (2, [Accepted(promisedInDays: 0, today: Today)]), (3, [Accepted(promisedInDays: 0, today: Today)])));

        fixture.Clock.Advance(EndOfToday() - fixture.Clock.GetUtcNow() + TimeSpan.FromMinutes(11));
        await RunTimersAsync(trackingId);
        var raised = await AlertsAsync(admin, dealer, "Open");
        await dealer.DepotAsync(trackingId, Ship("S1", (1, 10), (2, 8), (3, 3)));
        await RunTimersAsync(trackingId);

        Assert.Equal("SHIP_NOTICE_MISSING", Assert.Single(raised)!["code"]!.GetValue<string>());
        Assert.Empty(await AlertsAsync(admin, dealer, "Open"));
    }

    [Fact]
    public async Task DiscrepancyUnresolved_AfterADay_ClearedByTheResolution()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        using var admin = Hub.Client(HubSettings.AdminKey);
        var trackingId = await dealer.SubmitValidPartsOrderAsync();
        await dealer.DepotAsync(trackingId, Ack((1, [Accepted(today: Today)]), (2, [Accepted(today: Today)]), (3, [Accepted(today: Today)])), Ship("S1", (1, 10), (2, 8), (3, 3)));
        var receipt = Receipt("S1", Discrepant(3, "Short", 1));
        receipt["receivedOn"] = TestDocuments.Date(Today);
        await dealer.PartsCommandAsync(trackingId, "receive", receipt);

        fixture.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await RunTimersAsync(trackingId);
        var raised = await AlertsAsync(admin, dealer, "Open");
        await dealer.DepotAsync(trackingId, Resolve("DSC-001", "Credit"));
        await RunTimersAsync(trackingId);

        Assert.Equal("DISCREPANCY_UNRESOLVED", Assert.Single(raised)!["code"]!.GetValue<string>());
        Assert.Empty(await AlertsAsync(admin, dealer, "Open"));
        Assert.Equal(1, (await dealer.PartsOrderAsync(trackingId)).Bucket(3, "credited"));
    }

    [Fact]
    public async Task Suggestion_ConfirmedAfterItExpired_409()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var snapshot = InventoryTests.Full("E1", InventoryTests.Part("45022-AUR-010", 0, sales: 365));
        snapshot["asOf"] = fixture.Clock.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        await dealer.SnapshotAsync(snapshot);
        using var created = await dealer.Http.PostAsync("/api/v1/parts-orders/suggestions", null);
        var id = (await created.ReadJsonAsync())["suggestionId"]!.GetValue<string>();

        fixture.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        using var late = await dealer.Http.PostAsync($"/api/v1/parts-orders/suggestions/{id}/confirm", null);

        Assert.Equal((HttpStatusCode.Conflict, "SUGGESTION_EXPIRED"), (late.StatusCode, (await late.ReadJsonAsync())["code"]!.GetValue<string>()));
    }

    private DateTimeOffset EndOfToday() => new(Today.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private Task<int> RunTimersAsync(string trackingId) => fixture.RunTimersAsync(trackingId);

    private static async Task<List<JsonNode?>> AlertsAsync(HttpClient admin, DealerSession dealer, string status) =>
        [.. (await admin.GetJsonAsync($"/api/v1/admin/alerts?dealerCode={dealer.Dealer.Code}&documentType=parts-order&status={status}"))["items"]!.AsArray()];
}
