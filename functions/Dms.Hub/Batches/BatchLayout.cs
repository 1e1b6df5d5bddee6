namespace Dms.Hub.Batches;

/// <summary>The documented layout of a document type in a file format: its columns, and how rows make documents.</summary>
public sealed record BatchLayout(string DocumentType, string Format, bool Grouped, IReadOnlyList<string> KeyColumns, IReadOnlyList<BatchColumn> Columns);

/// <summary>One column: its header name, the JSON path it fills, its type, whether the header must have it, an example value, whether it is personal data.</summary>
public sealed record BatchColumn(string Name, string Path, string Type, bool Required, string Example, string? Description = null, bool Personal = false);

/// <summary>What the beginning of an upload says: why it is refused, or its separator, byte order mark and columns.</summary>
public sealed record BatchSniff(BatchFileProblem? Problem, string Delimiter, bool Bom, IReadOnlyList<string> Columns);

/// <summary>Why an upload is refused before it is processed (413, 415 or 422): the row it concerns, the columns expected and found.</summary>
public sealed record BatchFileProblem(int Status, string Code, string Message, IReadOnlyList<string>? Expected = null, IReadOnlyList<string>? Found = null)
{
    /// <summary>The row the problem is in (the header is row 1); 0 when it concerns the file as a whole (its size).</summary>
    public int Row { get; init; }
}

/// <summary>A file that cannot be read further at some row (a record over the size limit, broken beyond recovery).</summary>
public sealed class BatchFormatException(BatchRowError error) : Exception(error.Message)
{
    public BatchRowError Error { get; } = error;
}
