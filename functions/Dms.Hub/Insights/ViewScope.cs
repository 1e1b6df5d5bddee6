namespace Dms.Hub.Insights;

/// <summary>What a console user may see: everything (<see cref="Region"/> null) or one region's dealers.</summary>
public sealed record ViewScope(string? Region)
{
    public static ViewScope Everything { get; } = new((string?)null);

    public bool Covers(string? region) => Region is null || string.Equals(Region, region, StringComparison.OrdinalIgnoreCase);

    public CounterScope CounterScope => Region is null ? CounterScope.All : CounterScope.ForRegion(Region);
}
