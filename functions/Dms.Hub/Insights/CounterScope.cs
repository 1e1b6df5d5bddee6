namespace Dms.Hub.Insights;

/// <summary>
/// Who a counter row counts for: everything (<c>*</c>), a region (<c>r:</c>), a district (<c>t:</c>) or a dealer
/// (<c>d:</c>), or a district's dealers side by side (<c>k:</c>, <see cref="DistrictDealerRows"/>). Hourly rows exist
/// for everything and regions; daily rows and gauges for every scope.
/// </summary>
public sealed record CounterScope(string Key)
{
    public static CounterScope All { get; } = new("*");

    public bool Hourly => Key == "*" || Key.StartsWith("r:", StringComparison.Ordinal);

    /// <summary>The dealer of a dealer scope; null for the others.</summary>
    public string? DealerCode => Key.StartsWith("d:", StringComparison.Ordinal) ? Key[2..] : null;

    public static CounterScope ForRegion(string region) => new("r:" + region);

    public static CounterScope ForDistrict(string district) => new("t:" + district);

    public static CounterScope ForDealer(string dealerCode) => new("d:" + dealerCode);

    public override string ToString() => Key;
}
