using System.Text;
using Dms.Testing;

namespace Dms.Adapters.Csv.Tests;

/// <summary>The checks before a file is accepted for processing: text, UTF-8, a header that fits, data rows.</summary>
public sealed class CsvSniffTests
{
    private const string Rdr = "retail-delivery-report";

    public static TheoryData<string, byte[], int, string> Refused() => new()
    {
        { "empty", [], 422, "EMPTY_FILE" },
        { "only line breaks", Encoding.UTF8.GetBytes("\r\n\r\n"), 422, "EMPTY_FILE" },
        { "header only", Encoding.UTF8.GetBytes(TestCsv.RdrHeader + "\r\n\r\n"), 422, "NO_DATA_ROWS" },
        { "binary", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x01], 415, "NOT_CSV" },
        { "utf-16", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(TestCsv.RdrHeader)).ToArray(), 415, "UNSUPPORTED_ENCODING" },
        { "latin-1", Encoding.Latin1.GetBytes(TestCsv.RdrHeader + "\r\n" + TestCsv.RdrRow(buyer: "Müller")), 415, "UNSUPPORTED_ENCODING" },
        { "missing column", Encoding.UTF8.GetBytes(TestCsv.RdrHeader.Replace(",vin", "", StringComparison.Ordinal) + "\r\nx"), 422, "MISSING_COLUMNS" },
        { "unknown column", Encoding.UTF8.GetBytes(TestCsv.RdrHeader + ",shoe_size\r\nx"), 422, "UNKNOWN_COLUMNS" },
        { "duplicate column", Encoding.UTF8.GetBytes(TestCsv.RdrHeader + ",vin\r\nx"), 422, "DUPLICATE_COLUMNS" },
        { "pipes", Encoding.UTF8.GetBytes(TestCsv.RdrHeader.Replace(',', '|') + "\r\nx|y"), 422, "UNSUPPORTED_DELIMITER" },
        { "json", Encoding.UTF8.GetBytes("{\"reportNumber\": \"R1\"}"), 422, "MISSING_COLUMNS" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Sniff_NotAFittingUtf8Csv_IsRefusedWithStatusCodeAndRow(string file, byte[] content, int status, string code)
    {
        var problem = Csv.Format().Sniff(content, complete: true, Rdr).Problem;

        Assert.NotNull(problem);
        Assert.Equal((status, code), (problem.Status, problem.Code));
        Assert.True(problem.Row >= 1, file);
    }

    [Fact]
    public void Sniff_MissingColumns_NamesTheExpectedOnes()
    {
        var problem = Csv.Format().Sniff(Encoding.UTF8.GetBytes("report_number,Delivery Date\r\nx,y"), complete: true, Rdr).Problem!;

        Assert.Contains("vin", problem.Expected!);
        Assert.Contains("delivery_date", problem.Found!);
        Assert.Contains("missing vin", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sniff_HeadOfALongFileCutInsideACharacter_IsStillUtf8()
    {
        var text = Encoding.UTF8.GetBytes(TestCsv.RdrHeader + "\r\n" + TestCsv.RdrRow(buyer: "王芳"));
        var cut = text.AsSpan(0, Array.IndexOf(text, (byte)0xE7) + 1).ToArray(); // ends with the first byte of 王

        Assert.Null(Csv.Format().Sniff(cut, complete: false, Rdr).Problem);
    }

    [Fact]
    public void Template_EveryLayout_IsAcceptedByItsOwnSniff()
    {
        foreach (var type in CsvLayouts.All.Keys)
        {
            var template = Encoding.UTF8.GetBytes(Csv.Format().Template(type));
            Assert.Null(Csv.Format().Sniff(template, complete: true, type).Problem);
        }
    }
}
