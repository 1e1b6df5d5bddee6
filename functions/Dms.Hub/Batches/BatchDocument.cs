using System.Text.Json.Nodes;

namespace Dms.Hub.Batches;

/// <summary>
/// A document read from a batch file: its body (as far as the rows could be read), the rows it came from, the errors
/// found reading them, and how to find the cell behind a JSON path (to report schema and rule errors by row and
/// column). <see cref="LineRows"/> is set when rows were grouped into one document's lines; <see cref="LineOf"/> then
/// tells which line an error belongs to (-1: the document's own fields).
/// </summary>
public sealed record BatchDocument(
    int Index,
    BatchCheckpoint Start,
    int LastRow,
    string? Key,
    string? KeyPath,
    JsonObject Body,
    IReadOnlyList<BatchRowError> Errors,
    IReadOnlyList<int>? LineRows,
    Func<string, BatchCellRef> Locate,
    Func<BatchRowError, int> LineOf)
{
    public int FirstRow => Start.Row;

    public int RowCount => LastRow - FirstRow + 1;
}

/// <summary>The cell behind a path: row, line, column name and its text as found.</summary>
public sealed record BatchCellRef(int Row, int Line, string Column, string? Value);
