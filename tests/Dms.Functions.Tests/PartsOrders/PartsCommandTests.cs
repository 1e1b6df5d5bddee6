using System.Net;
using System.Text.Json.Nodes;
using static Dms.Functions.Tests.PartsOrders.PartsRequests;

namespace Dms.Functions.Tests.PartsOrders;

/// <summary>
/// The dealer's commands over REST: cancel the whole order before the acknowledgement (after it: 409 with what is
/// allowed), cancel the backordered rest (a request the depot confirms), and receipts — idempotent, each discrepancy
/// kind reported to the OEM.
/// </summary>
public sealed class PartsCommandTests(HubFixture fixture) : IClassFixture<HubFixture>
{
    private HubHost Hub => fixture.Hub;

    [Fact]
    public async Task Cancel_BeforeTheAck_CancelledAndSentToTheDepot_AfterIt_409WithAllowedActions()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var early = await dealer.SubmitValidPartsOrderAsync();
        var late = await dealer.SubmitValidPartsOrderAsync();
        await dealer.DepotAsync(late, Ack((1, [Accepted()]), (2, [Accepted()]), (3, [Accepted()])));

        var (cancelled, body) = await dealer.PartsCommandAsync(early, "cancel", new JsonObject { ["reason"] = "ORDERED_BY_MISTAKE" });
        var (refused, problem) = await dealer.PartsCommandAsync(late, "cancel", new JsonObject { ["reason"] = "ORDERED_BY_MISTAKE" });
        var stored = await dealer.WaitForAsync(early, o => o["deliveries"]!.AsArray().Any(d => d!["messageType"]!.GetValue<string>() == "PartsOrderCancelled" && d["status"]!.GetValue<string>() == "Delivered"), "cancel delivered", "parts-orders");

        Assert.Equal((HttpStatusCode.Accepted, "Cancelled"), (cancelled, body["status"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.Conflict, "INVALID_STATE_TRANSITION"), (refused, problem["code"]!.GetValue<string>()));
        var allowed = problem["allowedActions"]!.AsArray().Select(a => a!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("cancel-backorder", allowed);
        Assert.DoesNotContain("cancel", allowed);
        Assert.Equal("Cancelled", stored["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task CancelBackorder_RequestedThenConfirmedByTheDepot_TheRestCancelled_OrderCompleteOnceReceived()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var trackingId = await dealer.SubmitValidPartsOrderAsync();
        await dealer.DepotAsync(trackingId, Ack((1, [Allocation("PartialBackordered", 5)]), (2, [Accepted()]), (3, [Accepted()])), Ship("S1", (1, 5), (2, 8), (3, 3)));
        await dealer.PartsCommandAsync(trackingId, "receive", Receipt("S1"));

        var (asked, _) = await dealer.PartsCommandAsync(trackingId, "cancel-backorder", new JsonObject { ["reason"] = "SOURCED_ELSEWHERE" });
        var pending = await dealer.PartsOrderAsync(trackingId);
        var (nothingLeft, problem) = await dealer.PartsCommandAsync(trackingId, "cancel-backorder", new JsonObject { ["reason"] = "SOURCED_ELSEWHERE" });
        await dealer.DepotAsync(trackingId, new JsonObject { ["type"] = "BackorderCancelled", ["backorders"] = new JsonArray(new JsonObject { ["lineNumber"] = 1 }) });
        var done = await dealer.PartsOrderAsync(trackingId);

        Assert.Equal(HttpStatusCode.Accepted, asked);
        Assert.Equal((5, 5, "PartiallyShipped"), (pending.Bucket(1, "backordered"), pending["oem"]!["lines"]![0]!["backorderCancelRequested"]!.GetValue<int>(), pending["status"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "NOTHING_BACKORDERED"), (nothingLeft, problem["errors"]![0]!["code"]!.GetValue<string>()));
        Assert.Equal(("Received", 0, 5, 5), (done["status"]!.GetValue<string>(), done.Bucket(1, "backordered"), done.Bucket(1, "cancelled"), done.Bucket(1, "received")));
        Assert.Equal("Confirmed", done["oem"]!["backorderCancellations"]![0]!["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Short", 1, null)]
    [InlineData("Over", 2, null)]
    [InlineData("Damaged", 1, null)]
    [InlineData("WrongPart", 2, "15400-AUR-009")]
    public async Task Receipt_EachDiscrepancyKind_OnTheOrderAndToTheOem(string kind, int quantity, string? partReceived)
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var order = PartsOrder();
        var trackingId = await dealer.SubmitValidPartsOrderAsync(order);
        await dealer.DepotAsync(trackingId, Ack((1, [Accepted()]), (2, [Accepted()]), (3, [Accepted()])), Ship("S1", (1, 10), (2, 8), (3, 3)));

        var (status, _) = await dealer.PartsCommandAsync(trackingId, "receive", Receipt("S1", Discrepant(1, kind, quantity, partReceived)));
        var stored = await dealer.WaitForAsync(trackingId, o => o["deliveries"]!.AsArray().Count(d => d!["status"]!.GetValue<string>() == "Delivered") == 2, "discrepancy delivered", "parts-orders");
        var sent = fixture.Oem.RequestsFor(order["dealerOrderNumber"]!.GetValue<string>())[^1];

        Assert.Equal(HttpStatusCode.Accepted, status);
        var discrepancy = stored["oem"]!["discrepancies"]![0]!;
        Assert.Equal((kind, quantity, "Open"), (discrepancy["kind"]!.GetValue<string>(), discrepancy["quantity"]!.GetValue<int>(), discrepancy["status"]!.GetValue<string>()));
        Assert.Equal(kind == "Over" ? 0 : quantity, stored.Bucket(1, "discrepant"));
        Assert.Equal(kind == "Over" ? 10 : 10 - quantity, stored.Bucket(1, "received"));
        Assert.Equal("true", stored["fields"]!["discrepancyOpen"]!.GetValue<string>());
        Assert.Equal(("PartsOrderDiscrepancyReported", kind), (sent.Body!["messageType"]!.GetValue<string>(), sent.Body["command"]!["discrepancies"]![0]!["kind"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Receipt_RetriedWithItsKey_TheOriginalAnswerOneEffect_WithoutTheKey_422AlreadyRecorded()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var trackingId = await dealer.SubmitValidPartsOrderAsync();
        await dealer.DepotAsync(trackingId, Ack((1, [Accepted()]), (2, [Accepted()]), (3, [Accepted()])), Ship("S1", (1, 10), (2, 8), (3, 3)));
        var key = "receipt-" + TestDocuments.Next();
        var receipt = Receipt("S1", Discrepant(2, "Short", 1));

        // Retried one after another, as after a lost reply (concurrent retries are the core's business: DocumentCommands).
        var first = new List<(HttpStatusCode Status, JsonObject Body)>();
        for (var i = 0; i < 3; i++)
        {
            first.Add(await dealer.PartsCommandAsync(trackingId, "receive", receipt, key));
        }

        var (again, problem) = await dealer.PartsCommandAsync(trackingId, "receive", receipt);
        var stored = await dealer.PartsOrderAsync(trackingId);

        Assert.All(first, r => Assert.Equal((HttpStatusCode.Accepted, "Received"), (r.Status, r.Body["status"]!.GetValue<string>())));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "RECEIPT_ALREADY_RECORDED"), (again, problem["errors"]![0]!["code"]!.GetValue<string>()));
        Assert.Single(stored["oem"]!["discrepancies"]!.AsArray());
        Assert.Equal((7, 1), (stored.Bucket(2, "received"), stored.Bucket(2, "discrepant")));
        Assert.Single(stored["timeline"]!.AsArray(), e => e!["event"]!.GetValue<string>() == "FinalReceiptWithDiscrepancies");
    }
}
