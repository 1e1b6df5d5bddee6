namespace Dms.Hub.Sales;

/// <summary>
/// What one RDR adds to the rollups: its cell, its sale and delivery dates, and its vector (zero when it counts for
/// nothing: rejected). Stored per document beside the aggregates it was added to, so applying it again is a no-op
/// and a change is applied as "minus the stored, plus the new" in one transaction. <paramref name="Revision"/> is the
/// RDR's revision it reflects (0: unknown — seeded, or written before revisions were kept): a change of an older
/// revision arriving later (work items run out of order) is ignored.
/// </summary>
public sealed record SalesContribution(string Cell, DateOnly SaleDate, DateOnly DeliveryDate, long[] Vector, int Revision = 0)
{
    /// <summary>The aggregate rows this contribution sits in: per basis, its month row and its day row.</summary>
    public IEnumerable<string> RowKeys()
    {
        foreach (var basis in SalesDimensions.Bases)
        {
            var date = DateOn(basis);
            yield return SalesRowKeys.Month(basis, date);
            yield return SalesRowKeys.Day(basis, date);
        }
    }

    public DateOnly DateOn(string basis) => basis == SalesDimensions.SaleBasis ? SaleDate : DeliveryDate;

    public bool SameAs(SalesContribution? other) =>
        other is not null && Cell == other.Cell && SaleDate == other.SaleDate && DeliveryDate == other.DeliveryDate && SalesVector.SameAs(Vector, other.Vector);
}
