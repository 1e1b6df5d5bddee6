using Dms.Adapters.Soap.Internal.Contract;

namespace Dms.Adapters.Soap.Tests.Contract;

/// <summary>JSON Schema patterns become XSD patterns only where the translation is exact or lenient.</summary>
public sealed class PatternTranslatorTests
{
    [Theory]
    [InlineData("^[A-HJ-NPR-Z0-9]{17}$", "[A-HJ-NPR-Z0-9]{17}")]
    [InlineData("^[A-Za-z0-9][A-Za-z0-9._/-]{0,29}$", "[A-Za-z0-9][A-Za-z0-9._/-]{0,29}")]
    [InlineData("^\\+?[0-9 ()-]{5,20}$", "\\+?[0-9 ()-]{5,20}")]
    [InlineData("^\\d{3}-\\w+$", "[0-9]{3}-[A-Za-z0-9_]+")]
    [InlineData("^[\\d.]+$", "[0-9.]+")]
    [InlineData("^https?://[^\\s]+$", "https?://[^\\s]+")]
    [InlineData("^a\\/b\\$c$", "a/b$c")]
    [InlineData("^[!-~]+$", "[!-~]+")]
    public void ToXsd_TranslatablePattern_Translated(string json, string xsd) => Assert.Equal(xsd, PatternTranslator.ToXsd(json));

    [Theory]
    [InlineData("[A-Z]+")]
    [InlineData("^[A-Z]+")]
    [InlineData("^(?=.*\\d)[a-z0-9]+$")]
    [InlineData("^(a)\\1$")]
    [InlineData("^\\bword$")]
    [InlineData("^a+?$")]
    [InlineData("^a$|^b$")]
    [InlineData("^\\p{L}+$")]
    public void ToXsd_NoSafeXsdForm_Omitted(string json) => Assert.Null(PatternTranslator.ToXsd(json));
}
