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

    /// <summary>
    /// The work item carries what the rollup needs of the RDR as committed, so it runs without reading the document;
    /// only a report counted for the first time is written without reading its contribution.
    /// </summary>
    [Theory]
    [InlineData(null, RetailDeliveryStates.Accepted, true, 1)]
    [InlineData(RetailDeliveryStates.Rejected, RetailDeliveryStates.Accepted, true, 1)]
    [InlineData(RetailDeliveryStates.UnwindPending, RetailDeliveryStates.Unwound, false, 0)]
    [InlineData(RetailDeliveryStates.Accepted, RetailDeliveryStates.Rejected, false, 0)]
    public void Carried_TheFactsAsCommitted_AndWhetherCountedForTheFirstTime(string? previous, string status, bool first, long sold)
    {
        var document = Rdr(status);
        document.Revision = 7;
        document.Body = JsonNode.Parse("""
            {"reportNumber": "RDR-1", "vin": "1M8GDM9AXKP042788", "saleDate": "2026-10-30", "deliveryDate": "2026-11-01",
             "deliveryOdometer": {"value": 12, "unit": "km"}, "saleType": "Fleet", "vehicle": {"modelCode": "CRV-EX", "modelYear": 2026},
             "buyer": {"type": "Organization", "name": "Acme Rentals"}}
            """)!.AsObject();

        var source = SalesSource.Parse(_effect.Carry(document, previous)!)!;
        var facts = source.Facts("D1", null);

        Assert.Equal((7, first, 7), (source.Revision, source.FirstCount, facts.Revision));
        Assert.Equal(status == RetailDeliveryStates.Unwound ? 1 : sold, facts.Vector[SalesVector.Sold]);
        Assert.Equal(status == RetailDeliveryStates.Unwound ? 1 : 0, facts.Vector[SalesVector.Unwound]);
        Assert.Equal(SalesFacts.From(document, null) is { } read ? read.Vector : SalesVector.Empty(), facts.Vector);
    }

    private static DocumentRecord Rdr(string status) => new()
    {
        TrackingId = "D1-01", DocumentType = RetailDeliveryType.TypeName, DealerCode = "D1", DocumentNumber = "R-1", Status = status, Body = new JsonObject(),
        SubmittedAt = new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero),
    };
}
