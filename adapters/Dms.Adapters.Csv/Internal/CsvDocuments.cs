using System.Globalization;
using System.Text.Json.Nodes;
using Dms.Hub.Batches;

namespace Dms.Adapters.Csv.Internal;

/// <summary>
/// Rows → documents by a layout: one per row, or one per run of rows with the same key columns (their line columns
/// become the document's lines, <c>declaredLines</c> counts them). Cells are converted by their column's type; every
/// cell that cannot be read is an error on its row and column, and every JSON path can be traced back to its cell.
/// </summary>
internal sealed class CsvDocuments(CsvLayout layout, IReadOnlyList<string> header, bool keysOnly)
{
    public const string InconsistentValue = "INCONSISTENT_VALUE";

    private readonly CsvColumn?[] _byField = header.Select(h => layout.AllColumns.FirstOrDefault(c => c.Name == CsvHeader.Normalize(h))).ToArray();

    public BatchDocument Build(int index, IReadOnlyList<CsvRow> rows)
    {
        var first = rows[0];
        var errors = new List<BatchRowError>();
        var body = new JsonObject();
        var lines = new JsonArray();
        var lineRows = new List<int>();
        var headerValues = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            errors.AddRange(row.Problems.Select(p => Error(row, p.Field, p.Code, p.Message)));
            if (row.Problems.Count > 0)
            {
                continue;
            }

            var line = new JsonObject();
            for (var i = 0; i < row.Fields.Length; i++)
            {
                if (_byField[i] is not { } column || row.Fields[i].Trim() is not { Length: > 0 } text || (keysOnly && !layout.KeyColumns.Contains(column.Name)))
                {
                    continue;
                }

                var isLine = layout.Lines?.Contains(column) == true;
                if (!isLine && headerValues.TryGetValue(column.Name, out var earlier))
                {
                    if (earlier != text)
                    {
                        errors.Add(Error(row, i, InconsistentValue, $"Rows of one document must agree on {column.Name} (the first has '{earlier}')."));
                    }

                    continue;
                }

                if (!CsvCells.TryRead(column, text, out var value, out var problem))
                {
                    errors.Add(Error(row, i, problem.Code, problem.Message));
                    continue;
                }

                if (isLine)
                {
                    CsvCells.Set(line, column.Path, value);
                }
                else
                {
                    headerValues[column.Name] = text;
                    CsvCells.Set(body, column.Path, value);
                }
            }

            if (line.Count > 0 || (layout.Grouped && LineCellsPresent(row)))
            {
                lines.Add(line);
                lineRows.Add(row.Row);
            }
        }

        if (layout.Grouped && !keysOnly)
        {
            body[layout.LinesProperty] = lines;
            if (layout.CountProperty is { } count)
            {
                body[count] = lineRows.Count;
            }
        }

        var key = string.Join('|', layout.KeyColumns.Select(k => Cell(first, k)));
        var start = new BatchCheckpoint(index, first.Offset, first.Row, first.Line, 0);
        return new BatchDocument(index, start, rows[^1].Row, key.Replace("|", string.Empty, StringComparison.Ordinal).Length == 0 ? null : key,
            layout.AllColumns.First(c => c.Name == layout.KeyColumns[0]).Path, body, errors, layout.Grouped ? lineRows : null,
            path => Locate(rows, lineRows, path), error => LineOf(lineRows, error));
    }

    /// <summary>The key columns' text of a row (rows with equal keys form one document when grouped).</summary>
    public string KeyOf(CsvRow row) => string.Join('\u001F', layout.KeyColumns.Select(k => Cell(row, k)));

    private bool LineCellsPresent(CsvRow row) =>
        row.Fields.Select((text, i) => (text, i)).Any(f => _byField[f.i] is { } c && layout.Lines!.Contains(c) && f.text.Trim().Length > 0);

    private string Cell(CsvRow row, string column)
    {
        var index = Array.FindIndex(_byField, c => c?.Name == column);
        return index >= 0 && index < row.Fields.Length ? row.Fields[index].Trim() : string.Empty;
    }

    private BatchRowError Error(CsvRow row, int? field, string code, string message) =>
        new(row.Row, row.Line, field is { } i && i < _byField.Length ? _byField[i]?.Name ?? header[i] : string.Empty, field is { } f && f < row.Fields.Length ? row.Fields[f] : null, code, message);

    private BatchCellRef Locate(IReadOnlyList<CsvRow> rows, List<int> lineRows, string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (layout.Grouped && parts.Length >= 1 && parts[0] == layout.LinesProperty)
        {
            var row = parts.Length >= 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < lineRows.Count
                ? rows.First(r => r.Row == lineRows[i])
                : rows[0];
            var relative = string.Join('/', parts.Skip(2));
            return At(row, layout.Lines!.FirstOrDefault(c => c.Path == relative || c.Path.StartsWith(relative + "/", StringComparison.Ordinal)) ?? layout.Lines![0]);
        }

        var column = layout.Columns.FirstOrDefault(c => c.Path == path)
            ?? layout.Columns.FirstOrDefault(c => path.Length > 0 && (c.Path.StartsWith(path + "/", StringComparison.Ordinal) || path.StartsWith(c.Path + "/", StringComparison.Ordinal)));
        return column is null ? new BatchCellRef(rows[0].Row, rows[0].Line, string.Empty, null) : At(rows[0], column);
    }

    private BatchCellRef At(CsvRow row, CsvColumn column)
    {
        var index = Array.IndexOf(_byField, column);
        return new BatchCellRef(row.Row, row.Line, column.Name, index >= 0 && index < row.Fields.Length ? row.Fields[index] : null);
    }

    private int LineOf(List<int> lineRows, BatchRowError error) =>
        layout.Lines?.Any(c => c.Name == error.Column) == true ? lineRows.IndexOf(error.Row) : -1;
}
