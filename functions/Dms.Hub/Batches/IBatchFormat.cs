namespace Dms.Hub.Batches;

/// <summary>
/// Port: a batch file format (CSV …). It knows each supported document type's layout — a small declaration per type
/// — and turns a file into documents, streaming; validation, policy and import are the core's, the same for every format.
/// </summary>
public interface IBatchFormat
{
    /// <summary>e.g. <c>csv</c>.</summary>
    string Name { get; }

    /// <summary>The media types an upload in this format may carry.</summary>
    IReadOnlyList<string> MediaTypes { get; }

    bool Supports(string documentType);

    BatchLayout Layout(string documentType);

    /// <summary>An example file: the header and one or more valid rows.</summary>
    string Template(string documentType);

    /// <summary>Checks the first bytes of an upload (all of it when <paramref name="complete"/>): encoding, header, data rows.</summary>
    BatchSniff Sniff(ReadOnlyMemory<byte> head, bool complete, string documentType);

    /// <summary>
    /// Reads documents in file order from <paramref name="start"/> (the stream is positioned at its offset; the header is
    /// re-read only from the beginning). With <paramref name="keysOnly"/> bodies are left empty (to rebuild duplicate checks).
    /// Throws <see cref="BatchFormatException"/> where the file cannot be read further.
    /// </summary>
    IAsyncEnumerable<BatchDocument> ReadAsync(Stream file, BatchRecord batch, BatchCheckpoint start, bool keysOnly, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the rows that have errors with their original columns plus the error columns (text neutralised against
    /// formulas); with <paramref name="maskPersonalData"/> the personal columns (buyer name, e-mail, phone) are masked.
    /// </summary>
    Task WriteErrorReportAsync(Stream file, BatchRecord batch, IAsyncEnumerable<BatchRowError> errors, Stream output, bool maskPersonalData, CancellationToken cancellationToken);
}
