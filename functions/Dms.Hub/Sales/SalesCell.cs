namespace Dms.Hub.Sales;

/// <summary>
/// The finest grouping the rollups keep: a dealer (with the region and district it had when the sale was first
/// counted), a model and a sale type. Dates are carried by the row the cell sits in (month or day).
/// </summary>
public sealed record SalesCell(string Region, string District, string Dealer, string Model, string SaleType)
{
    // A control character cannot appear in any of the parts (codes are validated, names are trimmed of controls).
    private const char Separator = '\u001F';

    public string Key => string.Join(Separator, Region, District, Dealer, Model, SaleType);

    public static SalesCell Parse(string key)
    {
        var parts = key.Split(Separator);
        return parts.Length == 5 ? new SalesCell(parts[0], parts[1], parts[2], parts[3], parts[4]) : throw new FormatException("Not a sales cell key.");
    }

    public static string Clean(string? text) => string.IsNullOrWhiteSpace(text) ? "-" : new string(text.Trim().Where(c => !char.IsControl(c)).ToArray());

    /// <summary>The value of one dimension (region, district, dealer, model, saleType).</summary>
    public string Dimension(string name) => name switch
    {
        SalesDimensions.Region => Region,
        SalesDimensions.District => District,
        SalesDimensions.Dealer => Dealer,
        SalesDimensions.Model => Model,
        SalesDimensions.SaleType => SaleType,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown dimension."),
    };
}
