using System.Text;
using Dms.Hub.Batches;
using Dms.Testing;

namespace Dms.Adapters.Csv.Tests;

/// <summary>Real files: separators detected, BOM, CRLF, quoted line breaks, trailing empty lines, row and line numbers, broken rows.</summary>
public sealed class CsvReadingTests
{
    private const string Rdr = "retail-delivery-report";

    [Theory]
    [InlineData(",", "comma")]
    [InlineData(";", "semicolon")]
    [InlineData("\t", "tab")]
    public async Task Read_AnySupportedSeparator_IsDetectedAndRowsRead(string separator, string name)
    {
        var file = Csv.Utf8(TestCsv.File(TestCsv.RdrHeader.Replace(",", separator, StringComparison.Ordinal), [TestCsv.RdrRow(number: "A1").Replace(",", separator, StringComparison.Ordinal)]));
        var format = Csv.Format();

        var sniff = format.Sniff(file, complete: true, Rdr);
        var documents = await Csv.ReadAsync(format, Rdr, file);

        Assert.Equal(separator, sniff.Delimiter);
        Assert.Equal("A1", Assert.Single(documents).Body["reportNumber"]!.GetValue<string>());
        Assert.Empty(documents[0].Errors);
        Assert.NotEmpty(name);
    }

    [Fact]
    public async Task Read_BomCrlfQuotedLineBreaksAndTrailingEmptyLines_RowsAndLinesNumberedAsInTheFile()
    {
        var multiLine = TestCsv.RdrRow(number: "B2").Replace(",Test Buyer", ",\"Test\r\nBuyer, \"\"Jr\"\"\"", StringComparison.Ordinal);
        var text = TestCsv.File(TestCsv.RdrHeader, [TestCsv.RdrRow(number: "B1"), multiLine, TestCsv.RdrRow(number: "B3")]) + "\r\n\r\n\r\n";
        var file = TestCsv.Bytes(text, bom: true);

        var sniff = Csv.Format().Sniff(file, complete: true, Rdr);
        var documents = await Csv.ReadAsync(Csv.Format(), Rdr, file);

        Assert.True(sniff.Bom);
        Assert.Equal(["B1", "B2", "B3"], documents.Select(d => d.Body["reportNumber"]!.GetValue<string>()));
        Assert.Equal("Test\r\nBuyer, \"Jr\"", documents[1].Body["buyer"]!["name"]!.GetValue<string>());
        Assert.Equal([(2, 2), (3, 3), (4, 5)], documents.Select(d => (d.FirstRow, d.Start.Line)));
        Assert.All(documents, d => Assert.Empty(d.Errors));
    }

    [Fact]
    public async Task Read_FromACheckpoint_GivesTheSameDocumentsAsFromTheTop()
    {
        var rows = Enumerable.Range(0, 6).Select(i => TestCsv.RdrRow(number: "C" + i)).ToList();
        rows[2] = rows[2].Replace(",Test Buyer", ",\"Multi\nline\"", StringComparison.Ordinal);
        var file = TestCsv.Bytes(TestCsv.File(TestCsv.RdrHeader, rows), bom: true);
        var all = await Csv.ReadAsync(Csv.Format(), Rdr, file);

        var resumed = await Csv.ReadAsync(Csv.Format(), Rdr, file, all[3].Start);

        Assert.Equal(all.Skip(3).Select(d => (d.Index, d.FirstRow, d.Start.Line, d.Body.ToJsonString())), resumed.Select(d => (d.Index, d.FirstRow, d.Start.Line, d.Body.ToJsonString())));
    }

    [Fact]
    public async Task Read_CellsThatCannotBeRead_ErrorOnTheirRowAndColumnWithTheValue()
    {
        var bad = TestCsv.RdrRow(number: "D1").Replace(",12,km,", ",1.5,km,", StringComparison.Ordinal).Replace(",2026,", ",99999999999999999999,", StringComparison.Ordinal);
        var file = Csv.Utf8(TestCsv.File(TestCsv.RdrHeader, [bad.Replace(TestDocuments.Date(TestDocuments.Today.AddDays(-1)), "23/11/2026", StringComparison.Ordinal)]));

        var errors = Assert.Single(await Csv.ReadAsync(Csv.Format(), Rdr, file)).Errors;

        Assert.Contains(errors, e => (e.Row, e.Column, e.Value, e.Code) == (2, "odometer_value", "1.5", "INVALID_TYPE"));
        Assert.Contains(errors, e => (e.Row, e.Column, e.Code) == (2, "model_year", "OUT_OF_RANGE"));
        Assert.Contains(errors, e => (e.Row, e.Column, e.Value, e.Code) == (2, "delivery_date", "23/11/2026", "INVALID_FORMAT"));
    }

    [Fact]
    public async Task Read_RaggedRowAndStrayQuote_ErrorsOnThoseRows_OthersRead()
    {
        var rows = new[] { TestCsv.RdrRow(number: "E1"), "E2,too,few", TestCsv.RdrRow(number: "E3").Replace(",Test Buyer", ",Test \"Quote\" Buyer", StringComparison.Ordinal), TestCsv.RdrRow(number: "E4") };
        var documents = await Csv.ReadAsync(Csv.Format(), Rdr, Csv.Utf8(TestCsv.File(TestCsv.RdrHeader, rows)));

        Assert.Equal(4, documents.Count);
        Assert.Equal("FIELD_COUNT_MISMATCH", Assert.Single(documents[1].Errors).Code);
        Assert.Empty(documents[0].Errors);
        Assert.Empty(documents[3].Errors);
        Assert.Equal("Test \"Quote\" Buyer", documents[2].Body["buyer"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Read_UnterminatedQuote_ReportedOnItsRow_TheRestIsSwallowedNotLost()
    {
        var rows = new[] { TestCsv.RdrRow(number: "F1"), TestCsv.RdrRow(number: "F2").Replace(",Test Buyer", ",\"Never closed", StringComparison.Ordinal), TestCsv.RdrRow(number: "F3") };
        var documents = await Csv.ReadAsync(Csv.Format(), Rdr, Csv.Utf8(TestCsv.File(TestCsv.RdrHeader, rows)));

        Assert.Equal(2, documents.Count);
        Assert.Contains(documents[1].Errors, e => e.Row == 3 && e.Code == "MALFORMED_CSV");
    }

    [Fact]
    public async Task Read_BytesThatAreNotUtf8InARow_InvalidEncodingOnThatCell()
    {
        // Past the first 64 KiB (which the upload checks as a whole), a row with Latin-1 bytes: "È" is a lone lead byte in UTF-8.
        var file = Encoding.UTF8.GetBytes(TestCsv.File(TestCsv.RdrHeader, [TestCsv.RdrRow(number: "G1"), TestCsv.RdrRow(number: "G2", buyer: "XX")]));
        file[Array.LastIndexOf(file, (byte)'X')] = 0xC8;
        var format = Csv.Format();
        var batch = Csv.Batch(Rdr, format.Sniff(Encoding.UTF8.GetBytes(TestCsv.RdrHeader + "\r\n"), complete: false, Rdr));
        var documents = new List<BatchDocument>();
        await using var stream = new MemoryStream(file);
        await foreach (var document in format.ReadAsync(stream, batch, BatchCheckpoint.Start, false, TestContext.Current.CancellationToken))
        {
            documents.Add(document);
        }

        Assert.Contains(documents[1].Errors, e => (e.Row, e.Column, e.Code) == (3, "buyer_name", "INVALID_ENCODING"));
    }

    [Fact]
    public async Task Read_RecordOverTheSizeLimit_StopsTheFileAtThatRowWithACode()
    {
        var huge = TestCsv.RdrRow(number: "H2").Replace(",Test Buyer", ",\"" + new string('x', 50_000), StringComparison.Ordinal);
        var file = Csv.Utf8(TestCsv.File(TestCsv.RdrHeader, [TestCsv.RdrRow(number: "H1"), huge, TestCsv.RdrRow(number: "H3")]));
        var format = Csv.Format(maxRecordBytes: 4096);
        var read = new List<BatchDocument>();

        var stopped = await Assert.ThrowsAsync<BatchFormatException>(async () =>
        {
            await using var stream = new MemoryStream(file);
            await foreach (var d in format.ReadAsync(stream, Csv.Batch("retail-delivery-report", format.Sniff(file, true, Rdr)), BatchCheckpoint.Start, false, TestContext.Current.CancellationToken))
            {
                read.Add(d);
            }
        });

        Assert.Equal(("RECORD_TOO_LARGE", 3), (stopped.Error.Code, stopped.Error.Row));
        Assert.Single(read);
    }
}
