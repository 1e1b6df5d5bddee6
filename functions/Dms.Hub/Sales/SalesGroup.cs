namespace Dms.Hub.Sales;

/// <summary>The values of up to five grouping dimensions (null where not grouped by), compared as strings.</summary>
public readonly record struct SalesGroup(string? A, string? B, string? C, string? D, string? E)
{
    public static SalesGroup Of(SalesCell cell, string[] dimensions) =>
        new(At(cell, dimensions, 0), At(cell, dimensions, 1), At(cell, dimensions, 2), At(cell, dimensions, 3), At(cell, dimensions, 4));

    public string Join(int count) => string.Join('\u0001', new[] { A, B, C, D, E }.Take(count));

    private static string? At(SalesCell cell, string[] dimensions, int index) => index < dimensions.Length ? cell.Dimension(dimensions[index]) : null;
}
