namespace Dms.Hub.Batches;

/// <summary>
/// One error in a file: the row (the header is row 1), the physical line it starts on, the column, the value found,
/// a stable code and a message. A file-level error has column "" (and row 0 when it is not tied to a row).
/// </summary>
public sealed record BatchRowError(int Row, int Line, string Column, string? Value, string Code, string Message);
