using Dms.Console.Internal;

namespace Dms.Console.Tests.Unit;

public sealed class CsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("", "")]
    public void Field_Rfc4180_QuotesOnlyWhatNeedsIt(string value, string expected) => Assert.Equal(expected, Csv.Field(value));

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1-2", "'+1-2")]
    [InlineData("-10", "'-10")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    public void Field_FormulaLikeCells_AreNeutralisedWithAnApostrophe(string value, string expected) => Assert.Equal(expected, Csv.Field(value));

    [Fact]
    public void Record_EndsWithCrLf_AndJoinsWithCommas() => Assert.Equal("a,,\"b,c\"\r\n", Csv.Record(["a", null, "b,c"]));
}
