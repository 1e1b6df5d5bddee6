using System.Text;
using Dms.Adapters.AzureStorage.Internal.Insights;

namespace Dms.Adapters.AzureStorage.Tests;

public sealed class CounterRowsEscapeTests
{
    [Theory]
    [InlineData("warranty-claim", "warranty-claim")]
    [InlineData("North/East #1?", "North%2fEast %231%3f")]
    [InlineData("a|b%c\\d", "a%7cb%25c%5cd")]
    [InlineData("tab\there\u0001\u007f\u0085", "tab%09here%01%7f%85")]
    [InlineData("", "")]
    [InlineData("Région Süd", "Région Süd")]
    public void Escape_SameAsEveryCharacterEscapedOneByOne(string value, string expected)
    {
        // perf13 returns a value needing no escape as it is and appends chars without boxing: the keys must not change
        // (stored counter rows are found by them), so each is checked against the character-by-character rule.
        var reference = new StringBuilder();
        foreach (var c in value)
        {
            reference.Append(c is '/' or '\\' or '#' or '?' or '%' or '|' || char.IsControl(c) ? "%" + ((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture) : c.ToString());
        }

        Assert.Equal(expected, reference.ToString());
        Assert.Equal(expected, CounterRows.Escape(value));
        if (!value.Any(c => c is >= '\u0080' and <= '\u009f'))
        {
            // Read back as written (a C1 control's %xx is not UTF-8, so those never came back whole: unchanged by perf13).
            Assert.Equal(value, Uri.UnescapeDataString(CounterRows.Escape(value)));
        }
    }
}
