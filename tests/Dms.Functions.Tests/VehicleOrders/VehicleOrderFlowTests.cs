using System.Net;
using System.Text.Json.Nodes;
using Dms.Hub.Storage;
using Dms.Hub.Work;
using Microsoft.Extensions.DependencyInjection;
using static Dms.Functions.Tests.VehicleOrders.OrderRequests;

namespace Dms.Functions.Tests.VehicleOrders;

/// <summary>
/// A vehicle order end to end on Azurite and the OEM stub: intake, routing to oem-orders, every stage by OEM events
/// (canonical or in GM/FCA codes), out-of-order and duplicate events, stale ETAs, holds, and the RDR that retails it.
/// </summary>
public sealed class VehicleOrderFlowTests(HubFixture fixture) : IClassFixture<HubFixture>
{
    private HubHost Hub => fixture.Hub;

    [Fact]
    public async Task Order_EveryStageToAtDealer_RoutedOnceNotifiedAtEachStage()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var order = TestDocuments.Order();
        var (status, submitted) = await dealer.SubmitOrderAsync(order, "order-key-" + TestDocuments.Next());
        var trackingId = submitted["trackingId"]!.GetValue<string>();
        var vin = TestDocuments.NewVin();
        var now = DateTimeOffset.UtcNow;

        await dealer.WaitForDeliveryAsync(trackingId, path: "vehicle-orders");
        await dealer.MoveAsync(trackingId,
            Event("Acknowledged", new() { ["oemOrderNumber"] = "GM-0042" }), Event("Accepted"),
            Event("Scheduled", new() { ["buildWeek"] = "2026-W50", ["plant"] = "Lansing", ["eta"] = Eta(20, 25, now) }),
            Event("Locked"), Event("InProduction"), Event("Produced", new() { ["vin"] = vin }),
            Event("Invoiced", new() { ["invoice"] = new JsonObject { ["number"] = "INV-1", ["date"] = TestDocuments.Date(TestDocuments.Today) } }),
            Event("InTransit", new() { ["carrier"] = "Cassens", ["eta"] = Eta(3, 5, now.AddMinutes(1)) }),
            Event("AtDealer", new() { ["deliveredOn"] = TestDocuments.Date(TestDocuments.Today) }));
        var stored = await dealer.OrderAsync(trackingId);

        Assert.Equal((HttpStatusCode.Accepted, "Submitted"), (status, submitted.Status()));
        var request = Assert.Single(fixture.Oem.RequestsFor(order["dealerOrderNumber"]!.GetValue<string>()));
        Assert.Equal(("/orders", $"{trackingId}/VehicleOrderSubmitted-1@orders"), (request.Path, request.IdempotencyKey));
        Assert.Equal(("AtDealer", "GM-0042", vin), (stored.Status(), stored["oemReference"]!.GetValue<string>(), stored["oem"]!["vin"]!.GetValue<string>()));
        Assert.Equal(("2026-W50", "Lansing", "Cassens"), (stored["oem"]!["schedule"]!["buildWeek"]!.GetValue<string>(), stored["oem"]!["schedule"]!["plant"]!.GetValue<string>(), stored["oem"]!["carrier"]!.GetValue<string>()));
        Assert.Equal(TestDocuments.Date(TestDocuments.Today.AddDays(25)), stored["oem"]!["firstEta"]!["latest"]!.GetValue<string>());
        Assert.Equal(-20, stored["oem"]!["etaSlipDays"]!.GetValue<int>());
        string[] stages = ["Acknowledged", "Accepted", "Scheduled", "Locked", "InProduction", "Produced", "Invoiced", "InTransit", "AtDealer"];
        Assert.Equal(stages, stored["timeline"]!.AsArray().Where(e => e!["to"] is not null && e["from"] is not null).Select(e => e!["to"]!.GetValue<string>()));
        var mailbox = await dealer.Http.GetJsonAsync("/api/v1/notifications?documentType=vehicle-order&maxItems=100");
        Assert.Equal(stages, mailbox["items"]!.AsArray().Where(n => n!["trackingId"]!.GetValue<string>() == trackingId).Select(n => n!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Rdr_ForTheOrdersVin_RetailsTheOrder_UnwindReturnsItToAtDealer_DocumentsShowEachOther()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var (orderId, vin) = await dealer.DeliveredOrderAsync();

        using var rdr = await dealer.Http.PostJsonAsync("/api/v1/retail-delivery-reports", TestDocuments.Rdr(vin, TestDocuments.Today.AddDays(-2)));
        var rdrId = (await rdr.ReadJsonAsync())["trackingId"]!.GetValue<string>();
        var retailed = await dealer.WaitForAsync(orderId, o => o.Status() == "Retailed", "order retailed", "vehicle-orders");
        var (_, claim) = await dealer.SubmitClaimAsync(TestDocuments.Claim(vin));
        var claimView = await dealer.ClaimAsync(claim["trackingId"]!.GetValue<string>());
        var rdrView = await dealer.Http.GetJsonAsync("/api/v1/retail-delivery-reports/" + rdrId);
        using var unwind = await dealer.Http.PostJsonAsync($"/api/v1/retail-delivery-reports/{rdrId}/unwind", new JsonObject { ["reason"] = "FINANCING_DECLINED" });
        var unwound = await dealer.WaitForAsync(orderId, o => o.Status() == "AtDealer", "order back at the dealer", "vehicle-orders");

        // The Retail entry, wherever it is: on a loaded machine another entry (an alert timer) may follow it.
        var retail = Assert.Single(retailed["timeline"]!.AsArray(), e => e!["event"]!.GetValue<string>() == "Retail")!;
        Assert.Equal(("Retail", "retail-delivery-report", rdrId), (retail["event"]!.GetValue<string>(), retail["details"]!["source"]!["documentType"]!.GetValue<string>(), retail["details"]!["source"]!["trackingId"]!.GetValue<string>()));
        Assert.Contains(orderId, Related(claimView));
        Assert.Contains(rdrId, Related(claimView));
        Assert.Contains(orderId, Related(rdrView));
        Assert.Equal("Unwound", (await unwind.ReadJsonAsync()).Status());
        Assert.Equal(["Retail", "Unwind"], unwound["timeline"]!.AsArray().Select(e => e!["event"]!.GetValue<string>()).Where(e => e is "Retail" or "Unwind"));
        Assert.Equal(vin, unwound["vehicle"]!["vin"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rdr_ByAnotherDealer_RetailsTheOrder_WithoutRevealingEitherDealersDocuments()
    {
        using var owner = await DealerSession.StartAsync(Hub);
        using var seller = await DealerSession.StartAsync(Hub);
        var (orderId, vin) = await owner.DeliveredOrderAsync();

        using var rdr = await seller.Http.PostJsonAsync("/api/v1/retail-delivery-reports", TestDocuments.Rdr(vin));
        var rdrId = (await rdr.ReadJsonAsync())["trackingId"]!.GetValue<string>();
        var retailed = await owner.WaitForAsync(orderId, o => o.Status() == "Retailed", "order retailed", "vehicle-orders");
        var rdrView = await seller.Http.GetJsonAsync("/api/v1/retail-delivery-reports/" + rdrId);

        Assert.Null(retailed["timeline"]!.AsArray().Last(e => e!["event"]!.GetValue<string>() == "Retail")!["details"]!["source"]!["trackingId"]);
        Assert.Empty(Related(retailed));
        Assert.Empty(Related(rdrView));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Rdr_AcceptedBeforeTheOrderIsBuilt_RetailsTheOrderWhenItsVinAppears(bool vinKnownAtScheduled)
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var orderId = await dealer.SubmitValidOrderAsync();
        var vin = TestDocuments.NewVin();
        await dealer.MoveAsync(orderId, Event("Accepted"), Event("Scheduled", vinKnownAtScheduled ? new() { ["vin"] = vin } : null));

        using var rdr = await dealer.Http.PostJsonAsync("/api/v1/retail-delivery-reports", TestDocuments.Rdr(vin));
        var rdrId = (await rdr.ReadJsonAsync())["trackingId"]!.GetValue<string>();
        // The RDR's own effect has run (and, where the order knew the VIN, found it not yet built) before the VIN appears.
        await Eventually.GetAsync(() => PendingEffectsAsync(rdrId), pending => pending == 0, what: "the RDR's effect ran");
        var scheduled = await dealer.OrderAsync(orderId);
        await dealer.MoveAsync(orderId, Event("InProduction"), Event("Produced", new() { ["vin"] = vin }));
        var retailed = await dealer.WaitForAsync(orderId, o => o.Status() == "Retailed", "order retailed once built", "vehicle-orders");
        await dealer.MoveAsync(orderId, Event("InTransit"));
        var afterLateEvent = await dealer.OrderAsync(orderId);

        Assert.Equal("Scheduled", scheduled.Status());
        Assert.Equal(vinKnownAtScheduled, scheduled.Events().Contains("RetailNotApplied"));
        var retail = Assert.Single(retailed["timeline"]!.AsArray(), e => e!["event"]!.GetValue<string>() == "Retail")!;
        Assert.Equal(("Produced", "retail-delivery-report", rdrId, "Accepted"), (retail["from"]!.GetValue<string>(),
            retail["details"]!["source"]!["documentType"]!.GetValue<string>(), retail["details"]!["source"]!["trackingId"]!.GetValue<string>(), retail["details"]!["source"]!["status"]!.GetValue<string>()));
        Assert.Equal(("Retailed", "OutOfOrderEvent"), (afterLateEvent.Status(), afterLateEvent.Events().Last()));
    }

    [Fact]
    public async Task Events_ProducedOvertakesScheduled_LateScheduledRecorded_DuplicatesHaveOneEffect()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var trackingId = await dealer.SubmitValidOrderAsync();
        var vin = TestDocuments.NewVin();
        await dealer.WaitForDeliveryAsync(trackingId, path: "vehicle-orders");
        await dealer.MoveAsync(trackingId, Event("Accepted"));
        var produced = Event("Produced", new() { ["vin"] = vin });

        var overtaking = await dealer.OrderEventAsync(trackingId, produced, "produced-" + trackingId);
        var late = await dealer.OrderEventAsync(trackingId, Event("Scheduled", new() { ["buildWeek"] = "2026-W49" }));
        var replayed = await dealer.OrderEventAsync(trackingId, produced, "produced-" + trackingId);
        var before = (await dealer.OrderAsync(trackingId))["timeline"]!.AsArray().Count;
        var unkeyed = await dealer.OrderEventAsync(trackingId, produced);
        var reused = await dealer.OrderEventAsync(trackingId, Event("Invoiced"), "produced-" + trackingId);
        var stored = await dealer.OrderAsync(trackingId);

        Assert.Equal((HttpStatusCode.OK, "Produced"), (overtaking.Status, overtaking.Body.Status()));
        Assert.Equal((HttpStatusCode.OK, "Produced"), (late.Status, late.Body.Status()));
        Assert.Equal((HttpStatusCode.OK, "Produced"), (replayed.Status, replayed.Body.Status()));
        Assert.Equal((HttpStatusCode.OK, "Produced"), (unkeyed.Status, unkeyed.Body.Status()));
        Assert.Equal((HttpStatusCode.Conflict, "IDEMPOTENCY_KEY_REUSED"), (reused.Status, reused.Body["code"]!.GetValue<string>()));
        Assert.Equal("Produced", stored.Status());
        Assert.Equal(before + 1, stored["timeline"]!.AsArray().Count);
        Assert.Equal(["Accepted", "Produced", "OutOfOrderEvent", "DuplicateEvent"], stored.Events().Where(e => e is not ("Submitted" or "Routed" or "Delivered")));
        Assert.Equal("2026-W49", stored["oem"]!["schedule"]!["buildWeek"]!.GetValue<string>());
    }

    [Fact]
    public async Task Eta_StaleUpdateRecordedNeverOverwrites_NewerApplied_FirstPromiseKept()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var trackingId = await dealer.SubmitValidOrderAsync();
        var t = DateTimeOffset.UtcNow;
        await dealer.MoveAsync(trackingId, Event("Accepted"), Event("Scheduled", new() { ["eta"] = Eta(20, 24, t) }), Event("InTransit", new() { ["eta"] = Eta(22, 26, t.AddHours(2)) }));

        var stale = await dealer.OrderEventAsync(trackingId, Event("EtaUpdated", new() { ["eta"] = Eta(10, 12, t.AddHours(1)) }));
        var afterStale = await dealer.OrderAsync(trackingId);
        var newer = await dealer.OrderEventAsync(trackingId, Event("EtaUpdated", new() { ["eta"] = Eta(30, 34, t.AddHours(3)) }));
        var afterNewer = await dealer.OrderAsync(trackingId);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (stale.Status, newer.Status));
        Assert.Equal("StaleEta", afterStale.Events().Last());
        Assert.Equal(TestDocuments.Date(TestDocuments.Today.AddDays(26)), afterStale["oem"]!["eta"]!["latest"]!.GetValue<string>());
        Assert.Equal(TestDocuments.Date(TestDocuments.Today.AddDays(34)), afterNewer["oem"]!["eta"]!["latest"]!.GetValue<string>());
        Assert.Equal(TestDocuments.Date(TestDocuments.Today.AddDays(24)), afterNewer["oem"]!["firstEta"]!["latest"]!.GetValue<string>());
        Assert.Equal((10, TestDocuments.Date(TestDocuments.Today.AddDays(34))), (afterNewer["oem"]!["etaSlipDays"]!.GetValue<int>(), afterNewer["fields"]!["eta"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Codes_GmAndFcaTranslated_LatestCodeKept_UnknownCodesRefused422()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var trackingId = await dealer.SubmitValidOrderAsync();
        var vin = TestDocuments.NewVin();

        await dealer.WaitForDeliveryAsync(trackingId, path: "vehicle-orders");
        await dealer.MoveAsync(trackingId, Coded("GM", "1100"), Coded("GM", "2000"), Coded("GM", "3800", new() { ["vin"] = vin }));
        var produced = await dealer.OrderAsync(trackingId);
        var unknownCode = await dealer.OrderEventAsync(trackingId, Coded("GM", "3801"));
        var unknownScheme = await dealer.OrderEventAsync(trackingId, Coded("TOYOTA", "100"));
        var contradicting = await dealer.OrderEventAsync(trackingId, Coded("GM", "4150", Event("InTransit")));
        var hold = await dealer.OrderEventAsync(trackingId, Coded("FCA", "HQ", new() { ["occurredAt"] = "2026-11-01T08:00:00Z" }));
        var held = await dealer.OrderAsync(trackingId);
        var released = await dealer.OrderEventAsync(trackingId, Coded("FCA", "HR", new() { ["occurredAt"] = "2026-11-02T08:00:00Z" }));
        var stored = await dealer.OrderAsync(trackingId);

        var code = produced["oem"]!["lastCode"]!;
        Assert.Equal(("Produced", "GM", "3800", "Produced"), (produced.Status(), code["scheme"]!.GetValue<string>(), code["code"]!.GetValue<string>(), code["event"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "UNKNOWN_OEM_CODE", "/oemCode/code"), (unknownCode.Status, unknownCode.Body["errors"]![0]!["code"]!.GetValue<string>(), unknownCode.Body["errors"]![0]!["path"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "UNKNOWN_OEM_CODE_SCHEME"), (unknownScheme.Status, unknownScheme.Body["errors"]![0]!["code"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "OEM_CODE_MISMATCH"), (contradicting.Status, contradicting.Body["errors"]![0]!["code"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (hold.Status, released.Status));
        Assert.Equal((true, "PlantQuality", "HQ", "true"), (held["overlays"]!["hold"]!["active"]!.GetValue<bool>(), held["overlays"]!["hold"]!["reasonClass"]!.GetValue<string>(), held["overlays"]!["hold"]!["reasonCode"]!.GetValue<string>(), held["fields"]!["onHold"]!.GetValue<string>()));
        Assert.Equal(("FCA", "HR"), (stored["oem"]!["lastCode"]!["scheme"]!.GetValue<string>(), stored["oem"]!["lastCode"]!["code"]!.GetValue<string>()));
        Assert.False(stored["overlays"]!["hold"]!["active"]!.GetValue<bool>());
        var notices = (await dealer.Http.GetJsonAsync("/api/v1/notifications?documentType=vehicle-order&maxItems=100"))["items"]!.AsArray();
        Assert.Equal(["HoldSet", "HoldReleased"], notices.Select(n => n!["event"]!.GetValue<string>()).Where(e => e.StartsWith("Hold", StringComparison.Ordinal)));
        Assert.Equal(["Acknowledged", "Accepted", "Produced", "HoldSet", "HoldReleased"], stored.Events().Where(e => e is not ("Submitted" or "Routed" or "Delivered")));
    }

    [Fact]
    public async Task Codes_GmSchedulesAfterItsLock_3300After3000AppliedInFull_ElsewhereJudgedAsLate()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var gm = await dealer.SubmitValidOrderAsync();
        var canonical = await dealer.SubmitValidOrderAsync();
        var schedule = new JsonObject { ["buildWeek"] = "2026-W51", ["plant"] = "Lansing" };

        // GM's own sequence: 2000 accepted, 3000 no more changes, 3300 scheduled (build week, plant), 3400 broadcast.
        await dealer.MoveAsync(gm, Coded("GM", "2000"), Coded("GM", "3000"), Coded("GM", "3300", schedule.DeepClone().AsObject()));
        var scheduled = await dealer.OrderAsync(gm);
        await dealer.MoveAsync(gm, Coded("GM", "3400"), Coded("GM", "3300", new() { ["buildWeek"] = "2026-W52" }));
        var late = await dealer.OrderAsync(gm);
        await dealer.MoveAsync(canonical, Event("Accepted"), Event("Locked"), Event("Scheduled", schedule.DeepClone().AsObject()));
        var outOfOrder = await dealer.OrderAsync(canonical);

        Assert.Equal(("Locked", "StageDataRecorded", "3300"), (scheduled.Status(), scheduled.Events().Last(), scheduled["oem"]!["lastCode"]!["code"]!.GetValue<string>()));
        Assert.Equal(("2026-W51", "Lansing"), (scheduled["oem"]!["schedule"]!["buildWeek"]!.GetValue<string>(), scheduled["oem"]!["schedule"]!["plant"]!.GetValue<string>()));
        Assert.DoesNotContain("OutOfOrderEvent", scheduled.Events());
        Assert.Equal(("InProduction", "OutOfOrderEvent", "2026-W51", "3400"), (late.Status(), late.Events().Last(),
            late["oem"]!["schedule"]!["buildWeek"]!.GetValue<string>(), late["oem"]!["lastCode"]!["code"]!.GetValue<string>()));
        Assert.Equal(("Locked", "OutOfOrderEvent"), (outOfOrder.Status(), outOfOrder.Events().Last()));
        var notices = (await dealer.Http.GetJsonAsync("/api/v1/notifications?documentType=vehicle-order&maxItems=100"))["items"]!.AsArray();
        Assert.Contains(notices, n => n!["trackingId"]!.GetValue<string>() == gm && n["event"]!.GetValue<string>() == "StageDataRecorded");
    }

    [Fact]
    public async Task Events_IllegalForTheStage_409WithStatusAndAllowedEvents()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var trackingId = await dealer.SubmitValidOrderAsync();
        await dealer.OrderCommandAsync(trackingId, "cancel", new JsonObject { ["reason"] = "CUSTOMER_WITHDREW" });

        var (status, body) = await dealer.OrderEventAsync(trackingId, Event("Scheduled"));
        var vinless = await dealer.OrderEventAsync(await dealer.SubmitValidOrderAsync(), Event("Produced"));

        Assert.Equal((HttpStatusCode.Conflict, "INVALID_STATE_TRANSITION", "Cancelled"), (status, body["code"]!.GetValue<string>(), body["documentStatus"]!.GetValue<string>()));
        Assert.NotNull(body["allowedEvents"]);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "MISSING_EVENT_DATA"), (vinless.Status, vinless.Body["errors"]![0]!["code"]!.GetValue<string>()));
    }

    private async Task<int> PendingEffectsAsync(string trackingId)
    {
        var pending = 0;
        await foreach (var item in Hub.Services.GetRequiredService<IWorkStore>().ScanPendingAsync(CancellationToken.None))
        {
            pending += item.Kind == WorkKinds.Effect && item.TrackingId == trackingId ? 1 : 0;
        }

        return pending;
    }

    private static List<string> Related(JsonObject document) =>
        document["vehicle"]?["documents"]?.AsArray().Select(d => d!["trackingId"]!.GetValue<string>()).ToList() ?? [];
}
