namespace Dms.Hub.Sales;

/// <summary>
/// One line of a breakdown: the period (<c>yyyy-MM</c> or <c>yyyy-MM-dd</c>), the group's values in the order asked
/// for, the counts and, for the same group one year earlier, the net units then.
/// </summary>
public sealed record SalesFigure(string Period, IReadOnlyList<string> Group, long[] Vector, long LastYearUnits)
{
    public long Sold => Vector[SalesVector.Sold];

    public long Unwound => Vector[SalesVector.Unwound];

    /// <summary>Net units: sold minus unwound.</summary>
    public long Units => Sold - Unwound;

    /// <summary>Sold units by report lag bucket (see <see cref="SalesVector.LagBuckets"/>).</summary>
    public IEnumerable<long> Lag => Vector.Skip(SalesVector.LagStart);

    /// <summary>Change against the same period last year (0.25 = +25 %); null when there was nothing then.</summary>
    public double? ChangeOnLastYear => LastYearUnits == 0 ? null : Math.Round((Units - LastYearUnits) / (double)LastYearUnits, 4);
}

/// <summary>The lines of a breakdown (ordered by period, then group) and their total.</summary>
public sealed record SalesReport(SalesQuery Query, IReadOnlyList<SalesFigure> Rows, SalesFigure Total);
