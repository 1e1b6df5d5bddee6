using System.Text.Json.Nodes;
using Dms.Hub.RetailDeliveries;
using Dms.Hub.Sales;
using Dms.Hub.Workflow;

namespace Dms.Hub.Tests.Sales;

/// <summary>
/// The rollup effect is wanted only when an RDR's change changes what it counts for: an unwind requested or refused
/// (still sold) creates no work item; acceptance, an unwind and a rejection do.
/// </summary>
public sealed class SalesRollupEffectTests
{
    private readonly SalesRollupEffect _effect = new(null!, null!);

    [Theory]
    [InlineData(null, RetailDeliveryStates.Accepted, true)]
    [InlineData(null, RetailDeliveryStates.Rejected, false)]
    [InlineData(RetailDeliveryStates.Accepted, RetailDeliveryStates.Rejected, true)]
    [InlineData(RetailDeliveryStates.Accepted, RetailDeliveryStates.UnwindPending, false)]
    [InlineData(RetailDeliveryStates.UnwindPending, RetailDeliveryStates.UnwindRejected, false)]
    [InlineData(RetailDeliveryStates.UnwindPending, RetailDeliveryStates.Unwound, true)]
    [InlineData(RetailDeliveryStates.Unwound, RetailDeliveryStates.Rejected, true)]
    public void Wanted_OnlyWhenWhatTheRdrCountsForChanges(string? previous, string status, bool wanted) =>
        Assert.Equal(wanted, _effect.Wants(Rdr(status), previous));

    [Fact]
    public void OtherDocumentTypes_NeverWanted() =>
        Assert.False(_effect.Wants(new DocumentRecord
        {
            TrackingId = "D1-01", DocumentType = "warranty-claim", DealerCode = "D1", DocumentNumber = "C-1", Status = "Submitted", Body = [],
        }, null));

    private static DocumentRecord Rdr(string status) => new()
    {
        TrackingId = "D1-01", DocumentType = RetailDeliveryType.TypeName, DealerCode = "D1", DocumentNumber = "R-1", Status = status, Body = new JsonObject(),
    };
}
