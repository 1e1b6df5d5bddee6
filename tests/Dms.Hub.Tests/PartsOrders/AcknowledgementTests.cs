using System.Text.Json.Nodes;
using Dms.Hub.PartsOrders;
using Dms.Hub.PartsOrders.Lines;
using static Dms.Hub.Tests.PartsOrders.Parts;

namespace Dms.Hub.Tests.PartsOrders;

/// <summary>
/// Acknowledgements split each line into buckets that always add up to the ordered quantity; one that would not is
/// refused whole, nothing applied; later ones refine earlier ones; X12 855 line codes mean the same as the statuses.
/// </summary>
public sealed class AcknowledgementTests
{
    private readonly PartsOrderType _type = Type();

    [Fact]
    public void Ack_SplitOverDepotsBackorderSubstituteAndReject_BucketsAddUpToOrdered()
    {
        var order = Stored(_type, Order(("15400-AUR-001", 10), ("98079-AUR-200", 8), ("27060-AUR-141", 2), ("76622-AUR-100", 3)));

        var plan = order.Event(_type, Ack(
            (1, [Allocation("Accepted", 6), Allocation("Accepted", depot: "PDC-WEST")]),
            (2, [Allocation("PartialBackordered", 4)]),
            (3, [Allocation("Substituted", part: "27060-AUR-142")]),
            (4, [Allocation("Accepted", 1), Allocation("Rejected", 2)])));

        Assert.Empty(plan.Errors);
        Assert.Equal(PartsOrderStates.Acknowledged, order.Status);
        var state = order.State(_type);
        Assert.Equal(new Buckets(0, 6 + 4 + 4 + 1, 4, 2, 2, 0, 0, 0, 0), state.Totals);
        Assert.All(state.Lines, l => Assert.Equal(l.Ordered, l.Buckets.Total));
        Assert.Equal(["PDC-EAST", "PDC-WEST"], state.Line(1)!.Allocations.Select(a => a.Depot));
        Assert.Equal("27060-AUR-142", state.Line(3)!.Allocations.Single().PartNumber);
        Assert.Equal("Partial", state.AckKind);
    }

    [Theory]
    [InlineData(5, "ACK_QUANTITY_MISMATCH")]
    [InlineData(11, "ACK_QUANTITY_MISMATCH")]
    public void Ack_QuantitiesNotAddingUp_RefusedWholeNothingApplied(int accepted, string code)
    {
        var order = Stored(_type, Order(("15400-AUR-001", 10), ("98079-AUR-200", 8)));
        var before = order.Oem.ToJsonString();

        var plan = order.Event(_type, Ack((2, [Allocation("Accepted")]), (1, [Allocation("Accepted", accepted), Allocation("Backordered", 0)])));

        var error = Assert.Single(plan.Errors);
        Assert.Equal(("/acknowledgement/lines/1/allocations", code), (error.Path, error.Code));
        Assert.Contains("10 are open", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, order.Oem.ToJsonString());
        Assert.Equal(PartsOrderStates.Submitted, order.Status);
    }

    [Fact]
    public void Ack_TwoAllocationsTakingTheRest_Ambiguous_UnknownLine_Refused()
    {
        var order = Stored(_type, Order(("15400-AUR-001", 10)));

        var ambiguous = order.Event(_type, Ack((1, [Allocation("Accepted"), Allocation("Backordered")])));
        var unknown = order.Event(_type, Ack((7, [Allocation("Accepted")])));
        var incomplete = order.Event(_type, Ack((1, [Allocation("PartialBackordered")])));

        Assert.Equal(PartsErrorCodes.AllocationAmbiguous, ambiguous.Errors.Single().Code);
        Assert.Equal(("/acknowledgement/lines/0/lineNumber", PartsErrorCodes.UnknownLine), (unknown.Errors.Single().Path, unknown.Errors.Single().Code));
        Assert.Equal(PartsErrorCodes.AllocationIncomplete, incomplete.Errors.Single().Code);
    }

    [Fact]
    public void Ack_RefinesAnEarlierOne_OnlyOpenUnitsReallocated_CancellationsStay()
    {
        var order = Stored(_type, Order(("15400-AUR-001", 10)));
        order.Event(_type, Ack((1, [Allocation("QuantityChanged", 8)])));
        order.Event(_type, Ship("S1", (1, 5)));

        var refused = order.Event(_type, Ack((1, [Allocation("Accepted", 5)])));
        var refined = order.Event(_type, Ack((1, [Allocation("Accepted", 1), Allocation("Backordered")])));

        Assert.Equal(PartsErrorCodes.AckQuantityMismatch, refused.Errors.Single().Code);
        Assert.Empty(refined.Errors);
        Assert.Equal(new Buckets(0, 1, 2, 0, 2, 5, 0, 0, 0), order.State(_type).Line(1)!.Buckets);
        Assert.Equal(PartsOrderStates.PartiallyShipped, order.Status);
    }

    [Theory]
    [InlineData("IA", null, 0, 10, 0, 0, 0)]
    [InlineData("IB", null, 0, 0, 10, 0, 0)]
    [InlineData("IR", null, 0, 0, 0, 0, 10)]
    [InlineData("IS", null, 0, 0, 0, 10, 0)]
    [InlineData("BP", 4, 0, 4, 6, 0, 0)]
    [InlineData("IQ", 7, 0, 7, 0, 0, 3)]
    public void Ack_X12LineCodes_MeanTheCanonicalStatuses(string code, int? quantity, int unacknowledged, int accepted, int backordered, int substituted, int cancelled)
    {
        var order = Stored(_type, Order(("15400-AUR-001", 10)));
        var allocation = new JsonObject
        {
            ["oemCode"] = new JsonObject { ["scheme"] = "X12-855", ["code"] = code }, ["quantity"] = quantity, ["depot"] = "PDC-EAST",
            ["partNumber"] = code == "IS" ? "15400-AUR-002" : null,
        };

        var plan = order.Event(_type, Ack((1, [allocation])));

        Assert.Empty(plan.Errors);
        Assert.Equal(new Buckets(unacknowledged, accepted, backordered, substituted, cancelled, 0, 0, 0, 0), order.State(_type).Line(1)!.Buckets);
    }

    [Fact]
    public void Ack_UnknownX12CodeOrHeaderCodeOnALine_RefusedNotGuessed()
    {
        var order = Stored(_type, Order(("15400-AUR-001", 10)));
        JsonObject Coded(string code) => new() { ["oemCode"] = new JsonObject { ["scheme"] = "X12-855", ["code"] = code } };

        var unknown = order.Event(_type, Ack((1, [Coded("IX")])));
        var header = order.Event(_type, Ack((1, [Coded("AC")])));

        Assert.Equal(("/acknowledgement/lines/0/allocations/0/oemCode/code", "UNKNOWN_OEM_CODE"), (unknown.Errors.Single().Path, unknown.Errors.Single().Code));
        Assert.Equal("UNKNOWN_OEM_CODE", header.Errors.Single().Code);
    }

    [Fact]
    public void Ack_AllUnitsRejected_OrderRejected_AFullAck_KindFull()
    {
        var rejected = Stored(_type, Order(("15400-AUR-001", 10)));
        var full = Stored(_type, Order(("15400-AUR-001", 10)));

        rejected.Event(_type, Ack((1, [Allocation("Rejected")])));
        full.Event(_type, Ack((1, [Allocation("Accepted")])));

        Assert.Equal((PartsOrderStates.Rejected, "Rejected"), (rejected.Status, rejected.State(_type).AckKind));
        Assert.Equal((PartsOrderStates.Acknowledged, "Full"), (full.Status, full.State(_type).AckKind));
    }

    [Fact]
    public void Ack_BackorderOrSubstituteWhereTheOrderForbidsIt_Refused()
    {
        var body = Order(("15400-AUR-001", 10));
        body["backorderAllowed"] = false;
        body["substitutionAllowed"] = false;
        var order = Stored(_type, body);

        var plan = order.Event(_type, Ack((1, [Allocation("Backordered", 5), Allocation("Substituted", part: "X-1")])));

        Assert.Equal([PartsErrorCodes.BackorderNotAllowed, PartsErrorCodes.SubstitutionNotAllowed], plan.Errors.Select(e => e.Code));
    }

    [Fact]
    public void Ack_SameAcknowledgementIdAgain_RecordedOnly()
    {
        var order = Stored(_type, Order(("15400-AUR-001", 10)));
        var ack = Ack((1, [Allocation("Accepted")]));
        ack["acknowledgement"]!["acknowledgementId"] = "A-1";
        order.Event(_type, ack);

        ack["acknowledgement"]!["lines"]![0]!["allocations"] = new JsonArray(Allocation("Backordered"));
        var again = order.Event(_type, ack);

        Assert.Equal(("DuplicateEvent", true), (again.RecordAs, again.Late));
        Assert.Equal(10, order.State(_type).Line(1)!.Buckets.Accepted);
    }
}
