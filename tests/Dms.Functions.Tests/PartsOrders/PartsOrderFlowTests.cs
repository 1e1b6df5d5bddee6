using System.Net;
using System.Text.Json.Nodes;
using static Dms.Functions.Tests.PartsOrders.PartsRequests;

namespace Dms.Functions.Tests.PartsOrders;

/// <summary>
/// A parts order end to end on Azurite and the OEM stub: intake against the part master, routing to the parts depot,
/// a split acknowledgement, two ship notices, a receipt with a damaged part reported to the OEM and resolved, the
/// dealer told at each step; refused acknowledgements change nothing.
/// </summary>
public sealed class PartsOrderFlowTests(HubFixture fixture) : IClassFixture<HubFixture>
{
    private HubHost Hub => fixture.Hub;

    [Fact]
    public async Task Vor_SplitAck_TwoShipNotices_ReceiptWithOneDamaged_ResolvedByReship_EveryStepSeenByTheDealer()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var order = VorOrder();
        order["lines"]![1]!["quantity"] = 4;
        var number = order["dealerOrderNumber"]!.GetValue<string>();
        var trackingId = await dealer.SubmitValidPartsOrderAsync(order);
        await dealer.WaitForDeliveryAsync(trackingId, path: "parts-orders");

        await dealer.DepotAsync(trackingId,
            Ack((1, [Accepted()]), (2, [Accepted(2), Accepted(depot: "PDC-WEST", promisedInDays: 2)])),
            Ship("S-EAST", (1, 1), (2, 2)), Ship("S-WEST", (2, 2)));
        var shipped = await dealer.PartsOrderAsync(trackingId);
        var (received, receipt) = await dealer.PartsCommandAsync(trackingId, "receive", Receipt("S-EAST", Discrepant(2, "Damaged", 1)), "receipt-" + TestDocuments.Next());
        await dealer.PartsCommandAsync(trackingId, "receive", Receipt("S-WEST"));
        await dealer.WaitForAsync(trackingId, o => o["deliveries"]!.AsArray().Count == 2 && o["deliveries"]!.AsArray().All(d => d!["status"]!.GetValue<string>() == "Delivered"), "discrepancy delivered", "parts-orders");
        var reported = fixture.Oem.RequestsFor(number).Single(r => r.Body!["messageType"]!.GetValue<string>() == "PartsOrderDiscrepancyReported");
        await dealer.DepotAsync(trackingId, Resolve("DSC-001", "Reship"));
        var reshipping = await dealer.PartsOrderAsync(trackingId);
        await dealer.DepotAsync(trackingId, Ship("S-RESHIP", (2, 1)));
        await dealer.PartsCommandAsync(trackingId, "receive", Receipt("S-RESHIP"));
        var done = await dealer.PartsOrderAsync(trackingId);

        Assert.Equal(HttpStatusCode.Accepted, received);
        Assert.Equal("Shipped", shipped["status"]!.GetValue<string>());
        Assert.Equal(2, shipped["oem"]!["shipments"]!.AsArray().Count);
        Assert.Equal("Shipped", receipt["status"]!.GetValue<string>());
        Assert.Equal(("/parts", $"{trackingId}/PartsOrderDiscrepancyReported-2@parts"), (reported.Path, reported.IdempotencyKey));
        Assert.Equal(("DSC-001", "Damaged", 1), (reported.Body!["command"]!["discrepancies"]![0]!["discrepancyId"]!.GetValue<string>(),
            reported.Body["command"]!["discrepancies"]![0]!["kind"]!.GetValue<string>(), reported.Body["command"]!["discrepancies"]![0]!["quantity"]!.GetValue<int>()));
        Assert.Equal(("PartiallyShipped", 1), (reshipping["status"]!.GetValue<string>(), reshipping.Bucket(2, "accepted")));
        Assert.Equal(("Received", 4, 1), (done["status"]!.GetValue<string>(), done.Bucket(2, "received"), done.Bucket(1, "received")));
        Assert.Equal("Reship", done["oem"]!["discrepancies"]![0]!["resolution"]!["outcome"]!.GetValue<string>());
        Assert.All(done["oem"]!["lines"]!.AsArray(), l => Assert.Equal(l!["ordered"]!.GetValue<int>(), l["buckets"]!["total"]!.GetValue<int>()));
        Assert.Empty(Dms.Hub.Validation.SchemaValidator.Validate(Hub.Service<Dms.Hub.Validation.SchemaCatalog>().Get("parts-order-state.v1"), done["oem"]!.ToJsonString()));
        var mailbox = await dealer.Http.GetJsonAsync("/api/v1/notifications?documentType=parts-order&maxItems=100");
        var told = mailbox["items"]!.AsArray().Where(n => n!["trackingId"]!.GetValue<string>() == trackingId).Select(n => n!["event"]!.GetValue<string>()).ToList();
        Assert.Equal(["Acknowledged", "PartiallyShipped", "Shipped", "FinalReceipt", "PartiallyShipped", "Shipped", "FinalReceipt"], told);
    }

    [Fact]
    public async Task Ack_BreakingTheSum_422_NothingApplied_X12Codes_Taken()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var trackingId = await dealer.SubmitValidPartsOrderAsync();
        var before = await dealer.WaitForDeliveryAsync(trackingId, path: "parts-orders");

        var (refused, problem) = await dealer.DepotEventAsync(trackingId, Ack((1, [Accepted(6), Backordered(3)]), (2, [Accepted()])));
        var unchanged = await dealer.PartsOrderAsync(trackingId);
        var x12 = new JsonObject
        {
            ["oemCode"] = new JsonObject { ["scheme"] = "X12-855", ["code"] = "AC" },
            ["acknowledgement"] = new JsonObject
            {
                ["lines"] = new JsonArray(
                    new JsonObject { ["lineNumber"] = 1, ["allocations"] = new JsonArray(new JsonObject { ["oemCode"] = new JsonObject { ["scheme"] = "X12-855", ["code"] = "BP" }, ["quantity"] = 4 }) },
                    new JsonObject { ["lineNumber"] = 2, ["allocations"] = new JsonArray(new JsonObject { ["oemCode"] = new JsonObject { ["scheme"] = "X12-855", ["code"] = "IR" }, ["reasonCode"] = "NOT_SUPPLIED" }) }),
            },
        };
        var (taken, _) = await dealer.DepotEventAsync(trackingId, x12);
        var (unknown, unknownProblem) = await dealer.DepotEventAsync(trackingId, Ack((3, [new JsonObject { ["oemCode"] = new JsonObject { ["scheme"] = "X12-855", ["code"] = "ZZ" } }])));
        var after = await dealer.PartsOrderAsync(trackingId);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused);
        Assert.Equal(("/acknowledgement/lines/0/allocations", "ACK_QUANTITY_MISMATCH"), (problem["errors"]![0]!["path"]!.GetValue<string>(), problem["errors"]![0]!["code"]!.GetValue<string>()));
        Assert.Equal((before["oem"]!.ToJsonString(), "Submitted", before["timeline"]!.AsArray().Count), (unchanged["oem"]!.ToJsonString(), unchanged["status"]!.GetValue<string>(), unchanged["timeline"]!.AsArray().Count));
        Assert.Equal(HttpStatusCode.OK, taken);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "UNKNOWN_OEM_CODE"), (unknown, unknownProblem["errors"]![0]!["code"]!.GetValue<string>()));
        Assert.Equal(("Acknowledged", "Partial", "X12-855"), (after["status"]!.GetValue<string>(), after["oem"]!["ackKind"]!.GetValue<string>(), after["oem"]!["lastCode"]!["scheme"]!.GetValue<string>()));
        Assert.Equal((4, 6, 8, 3), (after.Bucket(1, "accepted"), after.Bucket(1, "backordered"), after.Bucket(2, "cancelled"), after.Bucket(3, "unacknowledged")));
        Assert.Empty(Dms.Hub.Validation.SchemaValidator.Validate(Hub.Service<Dms.Hub.Validation.SchemaCatalog>().Get("parts-order-state.v1"), after["oem"]!.ToJsonString()));
    }

    [Fact]
    public async Task Submit_EveryRuleAtOnce422_SameNumberOtherContent409_Superseded_SubstitutedOnTheLine()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var bad = PartsOrder();
        bad["orderType"] = "VOR";
        bad["lines"]![0]!["partNumber"] = "16400-AUR-130";
        bad["lines"]![1]!["quantity"] = 6;
        var order = PartsOrder();
        order["lines"]![0]!["partNumber"] = "15400-AUR-000";
        var again = order.DeepClone().AsObject();
        again["lines"]![2]!["quantity"] = 4;

        var (invalid, problem) = await dealer.SubmitPartsOrderAsync(bad);
        var trackingId = await dealer.SubmitValidPartsOrderAsync(order);
        var (replayed, replay) = await dealer.SubmitPartsOrderAsync(order);
        var (conflict, duplicate) = await dealer.SubmitPartsOrderAsync(again);
        var stored = await dealer.PartsOrderAsync(trackingId);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid);
        Assert.Equal(
            [("/lines/0/partNumber", "PART_DISCONTINUED"), ("/lines/1/quantity", "PACK_SIZE_MULTIPLE"), ("/vin", "VIN_REQUIRED"), ("/repairOrderNumber", "REPAIR_ORDER_REQUIRED")],
            problem["errors"]!.AsArray().Select(e => (e!["path"]!.GetValue<string>(), e["code"]!.GetValue<string>())));
        Assert.Equal((HttpStatusCode.Accepted, trackingId), (replayed, replay["trackingId"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.Conflict, "DUPLICATE_ORDER"), (conflict, duplicate["code"]!.GetValue<string>()));
        Assert.Equal(("15400-AUR-001", "15400-AUR-000"), (stored["document"]!["lines"]![0]!["partNumber"]!.GetValue<string>(), stored["document"]!["lines"]![0]!["substitutedFor"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Vor_ViewShowsTheDealersOtherDocumentsAboutTheVehicle_ListFiltersByOrderType()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var vin = await dealer.RetailAsync();
        var vor = VorOrder();
        vor["vin"] = vin;
        var trackingId = await dealer.SubmitValidPartsOrderAsync(vor);
        await dealer.SubmitValidPartsOrderAsync();

        var view = await dealer.PartsOrderAsync(trackingId);
        var vorOnly = await dealer.Http.GetJsonAsync(Orders + "?orderType=VOR");
        using var badFilter = await dealer.Http.GetAsync(Orders + "?orderType=Urgent");

        Assert.Equal(vin, view["vehicle"]!["vin"]!.GetValue<string>());
        Assert.Contains(view["vehicle"]!["documents"]!.AsArray(), d => d!["documentType"]!.GetValue<string>() == "retail-delivery-report");
        Assert.Equal([trackingId], vorOnly["items"]!.AsArray().Select(i => i!["trackingId"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
    }
}
