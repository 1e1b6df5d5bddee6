using System.Runtime.CompilerServices;
using System.Text;
using CsvHelper;
using Dms.Hub.Batches;
using Dms.Hub.Common;
using Microsoft.Extensions.Options;

namespace Dms.Adapters.Csv.Internal;

/// <summary>
/// CSV as a batch format, on CsvHelper 34: chosen over Sep and Sylvan (measured here on a 100,000-row RDR file,
/// all three parse it in tens of milliseconds) because it alone reports malformed quoting per record with the line,
/// caps the record size, detects the separator and skips empty lines — what hostile and careless files need.
/// </summary>
internal sealed class CsvBatchFormat(IOptions<CsvOptions> options) : IBatchFormat
{
    private static readonly string[] DefaultMediaTypes = ["text/csv", "application/csv", "text/plain", "application/vnd.ms-excel"];
    private static readonly char[] Separators = [',', ';', '\t'];
    private static readonly string[] ErrorColumns = ["error_row", "error_line", "error_columns", "error_codes", "error_messages"];

    public string Name => "csv";

    public IReadOnlyList<string> MediaTypes => options.Value.MediaTypes is { Count: > 0 } configured ? configured : DefaultMediaTypes;

    public bool Supports(string documentType) => CsvLayouts.All.ContainsKey(documentType);

    public BatchLayout Layout(string documentType)
    {
        var layout = CsvLayouts.All[documentType];
        var columns = layout.Columns.Select(c => Describe(c, c.Path))
            .Concat((layout.Lines ?? []).Select(c => Describe(c, $"/{layout.LinesProperty}/*/" + c.Path)));
        return new BatchLayout(documentType, Name, layout.Grouped, layout.KeyColumns, columns.ToList());
    }

    public string Template(string documentType)
    {
        var columns = CsvLayouts.All[documentType].AllColumns.ToList();
        return CsvText.Row(columns.Select(c => c.Name)) + CsvText.Row(columns.Select(c => CsvText.Text(c.Example)));
    }

    public BatchSniff Sniff(ReadOnlyMemory<byte> head, bool complete, string documentType)
    {
        var span = head.Span;
        var bom = span.StartsWith(Encoding.UTF8.Preamble);
        if (CsvSniffing.Problem(span, complete) is { } problem)
        {
            return new BatchSniff(problem, ",", bom, []);
        }

        try
        {
            using var reader = CsvReader.Create(head, new CsvReaderOptions { AllowLineBreaksInQuotes = true, SkipEmptyLines = true, HasHeader = true });
            reader.ReadHeader();
            if (!complete && span.IndexOf((byte)'\n') < 0)
            {
                return Refuse(422, "HEADER_TOO_LONG", "The header line is longer than 64 KiB.", 1);
            }

            if (!Separators.Contains(reader.Separator))
            {
                return Refuse(422, "UNSUPPORTED_DELIMITER", "Separate fields with a comma, a semicolon or a tab.", 1);
            }

            if (CsvHeader.Check(CsvLayouts.All[documentType], reader.Headers) is { } mismatch)
            {
                return new BatchSniff(mismatch, reader.Separator.ToString(), bom, reader.Headers.ToList());
            }

            if (complete && !reader.Read())
            {
                return Refuse(422, "NO_DATA_ROWS", "The file has a header but no data rows.", 2);
            }

            return new BatchSniff(null, reader.Separator.ToString(), bom, reader.Headers.Select(CsvHeader.Normalize).ToList());
        }
        catch (CsvFormatException)
        {
            return Refuse(422, "MALFORMED_HEADER", "The header row cannot be read as CSV.", 1);
        }
    }

    public async IAsyncEnumerable<BatchDocument> ReadAsync(Stream file, BatchRecord batch, BatchCheckpoint start, bool keysOnly, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var layout = CsvLayouts.All[batch.DocumentType];
        await using var reader = CsvRowReader.Open(file, start, batch.Delimiter[0], options.Value.MaxRecordBytes);
        var header = start.Offset == 0 ? await reader.HeaderAsync(cancellationToken) : batch.Columns;
        var documents = new CsvDocuments(layout, header, keysOnly);
        var index = start.Document;
        var group = new List<CsvRow>();
        await foreach (var row in reader.ReadAsync(header.Count, cancellationToken))
        {
            if (!layout.Grouped)
            {
                yield return documents.Build(index++, [row]);
                continue;
            }

            if (group.Count > 0 && documents.KeyOf(row) != documents.KeyOf(group[0]))
            {
                yield return documents.Build(index++, group);
                group = [];
            }

            group.Add(row);
        }

        if (group.Count > 0)
        {
            yield return documents.Build(index, group);
        }
    }

    public const string Masked = "***";

    public async Task WriteErrorReportAsync(Stream file, BatchRecord batch, IAsyncEnumerable<BatchRowError> errors, Stream output, bool maskPersonalData, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
        await using var reader = CsvRowReader.Open(file, BatchCheckpoint.Start, batch.Delimiter[0], options.Value.MaxRecordBytes);
        var header = await reader.HeaderAsync(cancellationToken);
        var personal = CsvLayouts.All[batch.DocumentType].AllColumns.Where(c => c.Personal).Select(c => c.Name).ToHashSet();
        var masked = header.Select(h => maskPersonalData && personal.Contains(CsvHeader.Normalize(h))).ToArray();
        await writer.WriteAsync(CsvText.Row(header.Select(CsvText.Text).Concat(ErrorColumns)));
        await using var pending = errors.GetAsyncEnumerator(cancellationToken);
        var hasError = await pending.MoveNextAsync();
        var leftovers = new List<BatchRowError>();
        try
        {
            await foreach (var row in reader.ReadAsync(header.Count, cancellationToken))
            {
                var forRow = new List<BatchRowError>();
                while (hasError && pending.Current.Row <= row.Row)
                {
                    (pending.Current.Row == row.Row ? forRow : leftovers).Add(pending.Current);
                    hasError = await pending.MoveNextAsync();
                }

                if (forRow.Count > 0)
                {
                    var fields = row.Fields.Concat(Enumerable.Repeat(string.Empty, Math.Max(0, header.Count - row.Fields.Length))).Take(header.Count);
                    await writer.WriteAsync(Line(fields.Select((f, i) => masked[i] && f.Length > 0 ? Masked : f), forRow));
                }
            }
        }
        catch (BatchFormatException)
        {
            // The file ends being readable here; the errors after it (the one saying so included) follow below.
        }

        while (hasError)
        {
            leftovers.Add(pending.Current);
            hasError = await pending.MoveNextAsync();
        }

        foreach (var group in leftovers.GroupBy(e => e.Row))
        {
            await writer.WriteAsync(Line(Enumerable.Repeat(string.Empty, header.Count), group.ToList()));
        }
    }

    private static string Line(IEnumerable<string> fields, List<BatchRowError> errors) => CsvText.Row(fields.Select(CsvText.Text).Concat(
    [
        CsvText.Number(errors[0].Row), CsvText.Number(errors[0].Line),
        CsvText.Text(string.Join(" | ", errors.Select(e => e.Column))), CsvText.Text(string.Join(" | ", errors.Select(e => e.Code))),
        CsvText.Text(string.Join(" | ", errors.Select(e => e.Message))),
    ]));

    private static BatchColumn Describe(CsvColumn column, string path) =>
        new(column.Name, path, column.Type == CsvCellType.WholeNumber ? "integer" : column.Type.ToString().ToLowerInvariant(), column.Required, column.Example, column.Description, column.Personal);

    private static BatchSniff Refuse(int status, string code, string message, int row) =>
        new(new BatchFileProblem(status, code, message) { Row = row }, ",", false, []);
}
