using Dms.Hub.Dealers;
using Dms.Hub.RetailDeliveries;
using Dms.Hub.Workflow;

namespace Dms.Hub.Sales;

/// <summary>
/// What an RDR counts for in the HQ figures at <paramref name="Revision"/> (0: whatever its revision — seeding,
/// rebuilds, tests).
/// </summary>
public sealed record SalesFacts(SalesCell Cell, DateOnly SaleDate, DateOnly DeliveryDate, long[] Vector, int Revision = 0)
{
    /// <summary>
    /// Null when the report counts for nothing: rejected (the OEM refused it) or in no counting state. An accepted
    /// report counts one unit sold; an unwound one also one unwound, so its net is zero ("unwinds subtracted") in
    /// the period it was sold in. Pending or refused unwinds still count as sold.
    /// </summary>
    public static SalesFacts? From(DocumentRecord document, Dealer? dealer) =>
        CountingOf(document.Status) == SalesCounting.Nothing ? null : SalesSource.Of(document, previousStatus: null).Facts(document.DealerCode, dealer);

    /// <summary>What an RDR in <paramref name="status"/> counts for: its facts change only when this does.</summary>
    public static SalesCounting CountingOf(string status) => status switch
    {
        RetailDeliveryStates.Accepted or RetailDeliveryStates.UnwindPending or RetailDeliveryStates.UnwindRejected => SalesCounting.Sold,
        RetailDeliveryStates.Unwound => SalesCounting.Unwound,
        _ => SalesCounting.Nothing,
    };

    /// <summary>
    /// The contribution to store. A document keeps the cell it was first counted in: moving a dealer to another
    /// region or district later does not rewrite history (a rebuild would).
    /// </summary>
    public SalesContribution ToContribution(SalesContribution? stored) =>
        new(stored?.Cell ?? Cell.Key, SaleDate, DeliveryDate, Vector, Revision);
}

/// <summary>What an RDR counts for in the HQ figures, by its status alone (the rest of its facts never change).</summary>
public enum SalesCounting
{
    Nothing,
    Sold,
    Unwound,
}
