using System.Runtime.CompilerServices;
using System.Text.Unicode;
using CsvHelper;
using Dms.Hub.Batches;

namespace Dms.Adapters.Csv.Internal;

/// <summary>One record as read: its row (the header is row 1), the line it starts on, its byte offset, its fields, and what was wrong with it.</summary>
internal sealed record CsvRow(int Row, int Line, long Offset, string[] Fields, IReadOnlyList<CsvRowProblem> Problems);

/// <summary>A problem with a record as such: malformed quoting, bytes that are not UTF-8 (in field <see cref="Field"/>), a wrong field count.</summary>
internal sealed record CsvRowProblem(int? Field, string Code, string Message);

/// <summary>
/// CsvHelper over a stream, from the top (header first) or from a checkpoint (a record boundary, header known):
/// streaming, separator given, quoted line breaks allowed, empty lines skipped, record size capped, malformed quoting
/// reported per record instead of failing the file, row and line numbers and byte offsets kept absolute.
/// </summary>
internal sealed class CsvRowReader : IAsyncDisposable
{
    public const string MalformedCsv = "MALFORMED_CSV";
    public const string InvalidEncoding = "INVALID_ENCODING";
    public const string RecordTooLarge = "RECORD_TOO_LARGE";

    private readonly CsvReader _reader;
    private readonly BatchCheckpoint _start;
    private readonly bool _fromTop;
    private readonly Dictionary<long, CsvMalformedReason> _malformed = [];

    private CsvRowReader(Stream stream, BatchCheckpoint start, char separator, int maxRecordBytes)
    {
        _start = start;
        _fromTop = start.Offset == 0;
        _reader = CsvReader.Create(stream, new CsvReaderOptions
        {
            Separator = separator,
            HasHeader = _fromTop,
            AllowLineBreaksInQuotes = true,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            MaxRecordSize = maxRecordBytes,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            OnMalformedRecord = record => _malformed[record.RecordNumber] = record.Reason,
        }, leaveOpen: true);
    }

    public static CsvRowReader Open(Stream stream, BatchCheckpoint start, char separator, int maxRecordBytes) => new(stream, start, separator, maxRecordBytes);

    /// <summary>The header as written (from the top only).</summary>
    public async Task<IReadOnlyList<string>> HeaderAsync(CancellationToken cancellationToken)
    {
        await _reader.ReadHeaderAsync(cancellationToken);
        return _reader.Headers;
    }

    public async IAsyncEnumerable<CsvRow> ReadAsync(int expectedFields, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await NextAsync(cancellationToken))
        {
            var data = _reader.RowNumber;
            var row = (int)(_fromTop ? data + 1 : _start.Row + data - 1);
            var line = (int)(_fromTop ? _reader.LineNumber : _start.Line + _reader.LineNumber - 1);
            var problems = new List<CsvRowProblem>();
            // A quote inside an unquoted field is read as written (RFC 4180 mode): unambiguous, so not an error.
            if (_malformed.Remove(_fromTop ? data + 1 : data, out var reason) && reason != CsvMalformedReason.StrayQuote)
            {
                problems.Add(new CsvRowProblem(null, MalformedCsv, Describe(reason)));
            }

            var fields = new string[_reader.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                if (!Utf8.IsValid(_reader.GetSpan(i)))
                {
                    problems.Add(new CsvRowProblem(i, InvalidEncoding, "The value is not UTF-8 text (save the file as UTF-8)."));
                }

                fields[i] = _reader.GetString(i);
            }

            if (fields.Length != expectedFields && problems.Count == 0)
            {
                problems.Add(new CsvRowProblem(null, "FIELD_COUNT_MISMATCH", $"The row has {fields.Length} field(s); the header has {expectedFields}."));
            }

            yield return new CsvRow(row, line, _start.Offset + _reader.ByteOffset, fields, problems);
        }
    }

    public ValueTask DisposeAsync() => _reader.DisposeAsync();

    private async Task<bool> NextAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _reader.ReadAsync(cancellationToken);
        }
        catch (CsvFormatException ex)
        {
            var row = (int)(_fromTop ? Math.Max(ex.RecordNumber, 2) : _start.Row + Math.Max(ex.RecordNumber, 1) - 1);
            var line = (int)(_fromTop ? ex.LineNumber : _start.Line + ex.LineNumber - 1);
            var tooLarge = ex.Message.Contains("MaxRecordSize", StringComparison.Ordinal);
            throw new BatchFormatException(new BatchRowError(row, Math.Max(line, 0), string.Empty, null,
                tooLarge ? RecordTooLarge : MalformedCsv,
                tooLarge ? "A record is longer than the limit (an unclosed quote makes the rest of the file one record); the file cannot be read past it." : "The file cannot be read past this row."));
        }
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.UnterminatedQuote => "A quoted field is never closed: everything after its opening quote was read as one value.",
        CsvMalformedReason.TextAfterClosingQuote => "Text after a closing quote (quote the whole field and double inner quotes).",
        CsvMalformedReason.LineBreakInQuotes => "A line break inside a quoted field.",
        _ => "The row's quoting is malformed.",
    };
}
