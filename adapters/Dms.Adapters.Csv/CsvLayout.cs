namespace Dms.Adapters.Csv;

/// <summary>
/// How a document type is written as CSV. <see cref="Columns"/> fill the document; with <see cref="Lines"/> rows are
/// grouped by the <see cref="KeyColumns"/> into one document whose line columns become its <see cref="LinesProperty"/>
/// (a periodic report's <c>lines</c>, a stock snapshot's <c>parts</c>), otherwise each row is a document of its own (an RDR).
/// </summary>
public sealed record CsvLayout(string DocumentType, IReadOnlyList<string> KeyColumns, IReadOnlyList<CsvColumn> Columns, IReadOnlyList<CsvColumn>? Lines = null)
{
    /// <summary>The array the grouped rows fill.</summary>
    public string LinesProperty { get; init; } = "lines";

    /// <summary>Where the number of line rows is written (a periodic report's <c>declaredLines</c>); null: nowhere.</summary>
    public string? CountProperty { get; init; } = "declaredLines";

    public bool Grouped => Lines is not null;

    public IEnumerable<CsvColumn> AllColumns => Columns.Concat(Lines ?? []);

    /// <summary>One document per row.</summary>
    public static CsvLayout PerRow(string documentType, string keyColumn, params CsvColumn[] columns) => new(documentType, [keyColumn], columns);

    /// <summary>Rows with the same key columns make one document; each row with line values adds a line.</summary>
    public static CsvLayout Grouping(string documentType, IReadOnlyList<string> keyColumns, IReadOnlyList<CsvColumn> header, IReadOnlyList<CsvColumn> lines) =>
        new(documentType, keyColumns, header, lines);
}
