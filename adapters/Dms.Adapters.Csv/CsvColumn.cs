namespace Dms.Adapters.Csv;

/// <summary>
/// One column of a CSV layout: its header name, the JSON path it fills (relative to a line for line columns), how its
/// text is read, whether the header must have it, an example for templates and docs, and whether it is personal data
/// (masked for HQ, never logged).
/// </summary>
public sealed record CsvColumn(string Name, string Path, CsvCellType Type, bool Required, string Example, string? Description = null, bool Personal = false)
{
    public static CsvColumn Text(string name, string path, string example, bool required = true, string? description = null, bool personal = false) =>
        new(name, path, CsvCellType.Text, required, example, description, personal);

    public static CsvColumn WholeNumber(string name, string path, string example, bool required = true, string? description = null) => new(name, path, CsvCellType.WholeNumber, required, example, description);

    public static CsvColumn Date(string name, string path, string example, bool required = true, string? description = null) => new(name, path, CsvCellType.Date, required, example, description);

    public static CsvColumn Boolean(string name, string path, string example, bool required = false, string? description = null) => new(name, path, CsvCellType.Boolean, required, example, description);

    public static CsvColumn List(string name, string path, string example, bool required = false, string? description = null) => new(name, path, CsvCellType.List, required, example, description);
}

/// <summary>How a cell's text becomes JSON: as it is, a whole number, a yyyy-MM-dd date, true/false, a space-separated list.</summary>
public enum CsvCellType
{
    Text,
    WholeNumber,
    Date,
    Boolean,
    List,
}
