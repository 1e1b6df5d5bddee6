using Dms.Hub.Dealers;

namespace Dms.Hub.Sales;

/// <summary>
/// An HQ sales breakdown: RDR units counted on the sale or the delivery date (<see cref="Basis"/>), per day or month,
/// grouped by any of the <see cref="SalesDimensions"/>, between two dates (inclusive), filtered and scoped.
/// </summary>
public sealed record SalesQuery(
    string Basis,
    SalesGranularity Granularity,
    IReadOnlyList<string> GroupBy,
    DateOnly From,
    DateOnly To,
    IReadOnlyDictionary<string, string> Filters,
    HqScope Scope);

public enum SalesGranularity
{
    Day,
    Month,
}
