using System.Text.Json.Nodes;
using Dms.Hub.PartsOrders;
using Dms.Hub.PartsOrders.Lines;
using static Dms.Hub.Tests.PartsOrders.Parts;

namespace Dms.Hub.Tests.PartsOrders;

/// <summary>
/// Ship notices (several per order, tag-ons of backorders, never more than accepted), receipts with every discrepancy
/// kind inside and outside their windows, resolutions, and backorder cancellation — buckets balanced throughout.
/// </summary>
public sealed class ShipmentAndReceiptTests
{
    private readonly PartsOrderType _type = Type();

    [Fact]
    public void ShipNotices_TwoDepotsThenATagOn_PartiallyShippedThenShipped()
    {
        var order = Acknowledged((1, [Allocation("Accepted", 6), Allocation("Accepted", depot: "PDC-WEST")]), (2, [Allocation("PartialBackordered", 4)]));

        order.Event(_type, WithDepot(Ship("S1", (1, 6), (2, 4)), "PDC-EAST"));
        var afterFirst = order.Status;
        order.Event(_type, WithDepot(Ship("S2", (1, 4)), "PDC-WEST"));
        var tagOn = Ship("S3", (2, 4));
        tagOn["shipNotice"]!["lines"]![0]!["tagOn"] = true;
        order.Event(_type, tagOn);

        Assert.Equal(PartsOrderStates.PartiallyShipped, afterFirst);
        Assert.Equal(PartsOrderStates.Shipped, order.Status);
        var state = order.State(_type);
        Assert.Equal(["S1", "S2", "S3"], state.Shipments.Select(s => s.ShipmentId));
        Assert.Equal(new Buckets(0, 0, 0, 0, 0, 18, 0, 0, 0), state.Totals);
        Assert.True(state.Shipments[2].Lines.Single().TagOn);
    }

    [Fact]
    public void ShipNotice_MoreThanAccepted_OrABackorderWithoutTagOn_RefusedNothingApplied()
    {
        var order = Acknowledged((1, [Allocation("Accepted", 3), Allocation("Backordered")]));
        var before = order.Oem.ToJsonString();

        var tooMany = order.Event(_type, Ship("S1", (1, 4)));
        var unknownLine = order.Event(_type, Ship("S1", (9, 1)));

        Assert.Equal(("/shipNotice/lines/0/quantity", PartsErrorCodes.ShipExceedsAccepted), (tooMany.Errors.Single().Path, tooMany.Errors.Single().Code));
        Assert.Equal(PartsErrorCodes.UnknownLine, unknownLine.Errors.Single().Code);
        Assert.Equal(before, order.Oem.ToJsonString());
    }

    [Fact]
    public void ShipNotice_SameShipmentAgain_Duplicate_OtherContentUnderItsId_Refused()
    {
        var order = Acknowledged((1, [Allocation("Accepted")]));
        order.Event(_type, Ship("S1", (1, 5)));

        var duplicate = order.Event(_type, Ship("S1", (1, 5)));
        var reused = order.Event(_type, Ship("S1", (1, 4)));

        Assert.Equal("DuplicateEvent", duplicate.RecordAs);
        Assert.Equal(PartsErrorCodes.ShipmentIdReused, reused.Errors.Single().Code);
        Assert.Equal(5, order.State(_type).Line(1)!.Shipped);
    }

    [Fact]
    public void ShipNotice_SubstitutePart_ShipsTheSubstitution_AnotherPart_WrongPartShipped()
    {
        var order = Acknowledged((1, [Allocation("Substituted", part: "15400-AUR-002")]));
        var wrong = Ship("S1", (1, 10));
        wrong["shipNotice"]!["lines"]![0]!["partNumber"] = "15400-AUR-003";
        var right = Ship("S1", (1, 10));
        right["shipNotice"]!["lines"]![0]!["partNumber"] = "15400-AUR-002";

        Assert.Equal(PartsErrorCodes.WrongPartShipped, order.Event(_type, wrong).Errors.Single().Code);
        Assert.Empty(order.Event(_type, right).Errors);
        Assert.Equal("15400-AUR-002", order.State(_type).Shipments.Single().Lines.Single().PartNumber);
    }

    [Theory]
    [InlineData("Short", 2, 8, 2)]
    [InlineData("Damaged", 1, 9, 1)]
    [InlineData("WrongPart", 3, 7, 3)]
    [InlineData("Over", 2, 10, 0)]
    public async Task Receipt_EachDiscrepancyKind_ReceivedAndDiscrepantBuckets_ReportedToTheOem(string kind, int quantity, int received, int discrepant)
    {
        var order = Shipped();
        var discrepancy = new JsonObject { ["kind"] = kind, ["quantity"] = quantity, ["partNumberReceived"] = kind == "WrongPart" ? "15400-AUR-009" : null };

        var plan = await order.CommandAsync(_type, "receive", Receipt(new JsonObject { ["lineNumber"] = 1, ["discrepancies"] = new JsonArray(discrepancy) }));

        Assert.Empty(plan.Errors);
        Assert.Equal(PartsOrderLifecycle.FinalReceiptWithDiscrepancies, plan.Trigger);
        Assert.NotNull(plan.Replacement);
        Assert.Equal(kind, plan.Details!["discrepancies"]![0]!["kind"]!.GetValue<string>());
        var line = order.State(_type).Line(1)!;
        Assert.Equal((received, discrepant, 0, 10), (line.Received, line.Discrepant, line.Shipped, line.Buckets.Total));
        Assert.Equal(PartsOrderStates.Received, order.Status);
    }

    [Fact]
    public async Task Receipt_InFull_NoMessageToTheOem_TwiceRefused_UnknownShipmentRefused()
    {
        var order = Shipped();

        var unknown = await order.CommandAsync(_type, "receive", new JsonObject { ["shipmentId"] = "S9", ["receivedOn"] = "2026-11-23" });
        var first = await order.CommandAsync(_type, "receive", Receipt());
        var again = await order.CommandAsync(_type, "receive", Receipt());

        Assert.Equal(PartsErrorCodes.UnknownShipment, unknown.Errors.Single().Code);
        Assert.Equal((PartsOrderLifecycle.FinalReceipt, null, null), (first.Trigger, first.Replacement, first.Details));
        Assert.Equal(PartsErrorCodes.ReceiptAlreadyRecorded, again.Errors.Single().Code);
        Assert.Equal(10, order.State(_type).Line(1)!.Received);
    }

    [Fact]
    public async Task Receipt_QuantitiesNotAddingUp_WrongPartWithoutThePart_FutureDay_Refused()
    {
        var order = Shipped();
        var line = new JsonObject
        {
            ["lineNumber"] = 1, ["received"] = 9,
            ["discrepancies"] = new JsonArray(new JsonObject { ["kind"] = "Short", ["quantity"] = 2 }, new JsonObject { ["kind"] = "WrongPart", ["quantity"] = 1 }),
        };
        var receipt = Receipt(line);
        receipt["receivedOn"] = "2026-11-24";

        var plan = await order.CommandAsync(_type, "receive", receipt);

        Assert.Equal(
            [("/receivedOn", PartsErrorCodes.ReceivedInFuture), ("/lines/0/discrepancies/1/partNumberReceived", PartsErrorCodes.PartNumberReceivedRequired), ("/lines/0", PartsErrorCodes.ReceiptQuantityMismatch)],
            plan.Errors.Select(e => (e.Path, e.Code)));
    }

    [Fact]
    public async Task Receipt_DamageAfterTwoBusinessDays_Refused_ShortageWithinFive_Taken()
    {
        var order = Shipped();
        var thursday = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
        JsonObject Reported(string kind) => Receipt(new JsonObject { ["lineNumber"] = 1, ["discrepancies"] = new JsonArray(new JsonObject { ["kind"] = kind, ["quantity"] = 1 }) });

        var damage = await order.CommandAsync(_type, "receive", Reported("Damaged"), at: thursday);
        var shortage = await order.CommandAsync(_type, "receive", Reported("Short"), at: thursday);

        Assert.Equal(("/lines/0/discrepancies/0", PartsErrorCodes.DiscrepancyWindowClosed), (damage.Errors.Single().Path, damage.Errors.Single().Code));
        Assert.Empty(shortage.Errors);
    }

    [Fact]
    public async Task Resolution_CreditSettles_ReshipReopensTheOrder_OverOnlyClosed()
    {
        var order = Shipped();
        var line = new JsonObject
        {
            ["lineNumber"] = 1, ["discrepancies"] = new JsonArray(
                new JsonObject { ["kind"] = "Short", ["quantity"] = 1 }, new JsonObject { ["kind"] = "Damaged", ["quantity"] = 2 }, new JsonObject { ["kind"] = "Over", ["quantity"] = 1 }),
        };
        await order.CommandAsync(_type, "receive", Receipt(line));

        var credit = order.Event(_type, Resolve("DSC-001", "Credit"));
        var wrongForOver = order.Event(_type, Resolve("DSC-003", "Credit"));
        var reship = order.Event(_type, Resolve("DSC-002", "Reship"));
        var closed = order.Event(_type, Resolve("DSC-003", "Closed"));
        var again = order.Event(_type, Resolve("DSC-001", "Credit"));

        Assert.Empty(credit.Errors.Concat(reship.Errors).Concat(closed.Errors));
        Assert.Equal(PartsErrorCodes.ResolutionNotAllowed, wrongForOver.Errors.Single().Code);
        Assert.Equal("DuplicateEvent", again.RecordAs);
        Assert.Equal(new Buckets(0, 2, 0, 0, 0, 0, 7, 0, 1), order.State(_type).Line(1)!.Buckets);
        Assert.Equal(PartsOrderStates.PartiallyShipped, order.Status);
        Assert.All(order.State(_type).Discrepancies, d => Assert.Equal(Discrepancy.Resolved, d.Status));
    }

    [Fact]
    public async Task BackorderCancel_Requested_ConfirmedByTheDepot_UnitsCancelledByTheDealer()
    {
        var order = Acknowledged((1, [Allocation("Accepted", 4), Allocation("Backordered")]), (2, [Allocation("Accepted")]));

        var request = await order.CommandAsync(_type, "cancel-backorder", new JsonObject { ["reason"] = "SOURCED_ELSEWHERE" });
        var pending = order.State(_type).Line(1)!.BackorderCancelRequested;
        var confirm = order.Event(_type, new JsonObject { ["type"] = "BackorderCancelled", ["backorders"] = new JsonArray(new JsonObject { ["lineNumber"] = 1 }) });

        Assert.Empty(request.Errors);
        Assert.Equal((PartsOrderLifecycle.RequestBackorderCancel, 6), (request.Trigger, request.Details!["lines"]![0]!["quantity"]!.GetValue<int>()));
        Assert.Equal(6, pending);
        Assert.Empty(confirm.Errors);
        var line = order.State(_type).Line(1)!;
        Assert.Equal((0, 6, 0), (line.Backordered, line.Buckets.Cancelled, line.BackorderCancelRequested));
        Assert.Equal(("dealer", "SOURCED_ELSEWHERE"), (line.Cancellations.Single().By, line.Cancellations.Single().ReasonCode));
    }

    [Fact]
    public async Task BackorderCancel_Refused_UnitsStayBackordered_NothingBackordered_Refused_AfterAFullShipment_Cancelled()
    {
        var order = Acknowledged((1, [Allocation("Backordered")]));
        await order.CommandAsync(_type, "cancel-backorder", new JsonObject { ["lines"] = new JsonArray(new JsonObject { ["lineNumber"] = 1, ["quantity"] = 4 }), ["reason"] = "NO_LONGER_NEEDED" });

        var refused = order.Event(_type, new JsonObject { ["type"] = "BackorderCancelRefused", ["backorders"] = new JsonArray(new JsonObject { ["lineNumber"] = 1 }) });
        var unanswered = order.Event(_type, new JsonObject { ["type"] = "BackorderCancelled", ["backorders"] = new JsonArray(new JsonObject { ["lineNumber"] = 1 }) });
        await order.CommandAsync(_type, "cancel-backorder", new JsonObject { ["reason"] = "NO_LONGER_NEEDED" });
        order.Event(_type, new JsonObject { ["type"] = "BackorderCancelled", ["backorders"] = new JsonArray(new JsonObject { ["lineNumber"] = 1 }) });
        var nothing = await order.CommandAsync(_type, "cancel-backorder", new JsonObject { ["reason"] = "NO_LONGER_NEEDED" });

        Assert.Empty(refused.Errors);
        Assert.Equal(PartsErrorCodes.NoBackorderCancelPending, unanswered.Errors.Single().Code);
        Assert.Equal(PartsErrorCodes.NothingBackordered, nothing.Errors.Single().Code);
        Assert.Equal(PartsOrderStates.Cancelled, order.Status);
        Assert.Equal(["Refused", "Confirmed"], order.State(_type).BackorderCancellations.Select(r => r.Status));
    }

    [Fact]
    public void RejectedOrCancelledByTheDepot_OnlyBeforeAnythingShipped()
    {
        var early = Acknowledged((1, [Allocation("Accepted")]));
        var late = Shipped();

        var cancelled = early.Event(_type, new JsonObject { ["type"] = "Cancelled", ["reasonCodes"] = new JsonArray("DEPOT_CLOSED") });
        var tooLate = late.Event(_type, new JsonObject { ["type"] = "Rejected" });

        Assert.Empty(cancelled.Errors);
        Assert.Equal((PartsOrderStates.Cancelled, 10), (early.Status, early.State(_type).Line(1)!.Buckets.Cancelled));
        Assert.Equal(PartsErrorCodes.AlreadyShipped, tooLate.Errors.Single().Code);
    }

    [Fact]
    public void Holds_OverlaysBesideTheStatus_SetAndReleased()
    {
        var order = Acknowledged((1, [Allocation("Accepted")]));

        order.Event(_type, new JsonObject { ["type"] = "HoldSet", ["hold"] = new JsonObject { ["kind"] = "CreditHold", ["reasonCode"] = "CR-LIMIT" } });
        var held = _type.SummaryFields.Single(f => f.Name == "creditHold").Read(order);
        order.Event(_type, new JsonObject { ["type"] = "HoldReleased", ["hold"] = new JsonObject { ["kind"] = "CreditHold" } });

        Assert.Equal("true", held);
        Assert.Equal("false", _type.SummaryFields.Single(f => f.Name == "creditHold").Read(order));
        Assert.Equal(PartsOrderStates.Acknowledged, order.Status);
    }

    [Fact]
    public async Task State_AsStoredThroughTheWholeLife_MatchesItsPublishedSchema()
    {
        var order = Acknowledged((1, [Allocation("Accepted", 6), Allocation("Backordered")]), (2, [Allocation("Substituted", 5, part: "98079-AUR-201"), Allocation("Rejected", reasonCode: "NOT_SUPPLIED")]));
        order.Event(_type, Ship("S1", (1, 6)));
        await order.CommandAsync(_type, "cancel-backorder", new JsonObject { ["reason"] = "SOURCED_ELSEWHERE" });
        order.Event(_type, new JsonObject { ["type"] = "BackorderCancelRefused", ["backorders"] = new JsonArray(new JsonObject { ["lineNumber"] = 1 }), ["reasonCodes"] = new JsonArray("ALREADY_PICKED") });
        await order.CommandAsync(_type, "receive", Receipt(new JsonObject { ["lineNumber"] = 1, ["discrepancies"] = new JsonArray(new JsonObject { ["kind"] = "WrongPart", ["quantity"] = 1, ["partNumberReceived"] = "X-1", ["note"] = "Wrong box" }) }));
        var reship = Resolve("DSC-001", "Reship");
        reship["resolution"]!["promisedShipDate"] = "2026-11-30";
        order.Event(_type, reship);
        var cancelled = Acknowledged((1, [Allocation("Accepted")]));
        cancelled.Event(_type, new JsonObject { ["type"] = "Cancelled", ["notes"] = "Depot closed." });

        var schema = new Hub.Validation.SchemaCatalog().Get("parts-order-state.v1");

        Assert.Empty(Hub.Validation.SchemaValidator.Validate(schema, order.Oem.ToJsonString()));
        Assert.Empty(Hub.Validation.SchemaValidator.Validate(schema, cancelled.Oem.ToJsonString()));
    }

    private Hub.Workflow.DocumentRecord Acknowledged(params (int Line, JsonObject[] Allocations)[] lines)
    {
        var order = Stored(_type, Order([.. lines.Select(l => l.Line == 1 ? ("15400-AUR-001", 10) : ("98079-AUR-200", 8))]));
        Assert.Empty(order.Event(_type, Ack(lines)).Errors);
        return order;
    }

    private Hub.Workflow.DocumentRecord Shipped()
    {
        var order = Acknowledged((1, [Allocation("Accepted")]));
        Assert.Empty(order.Event(_type, Ship("S1", (1, 10))).Errors);
        return order;
    }

    private static JsonObject Receipt(params JsonObject[] lines) => new() { ["shipmentId"] = "S1", ["receivedOn"] = "2026-11-23", ["lines"] = new JsonArray([.. lines]) };

    private static JsonObject Resolve(string id, string outcome) =>
        new() { ["type"] = "DiscrepancyResolved", ["resolution"] = new JsonObject { ["discrepancyId"] = id, ["outcome"] = outcome } };

    private static JsonObject WithDepot(JsonObject notice, string depot)
    {
        notice["shipNotice"]!["depot"] = depot;
        return notice;
    }
}
