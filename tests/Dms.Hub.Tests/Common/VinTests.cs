using Dms.Hub.Common;

namespace Dms.Hub.Tests.Common;

public sealed class VinTests
{
    [Theory]
    [InlineData("1HGCM82633A004352")]
    [InlineData("1M8GDM9AXKP042788")]
    [InlineData("11111111111111111")]
    public void HasValidCheckDigit_KnownGoodVins_True(string vin) => Assert.True(Vin.HasValidCheckDigit(vin));

    [Theory]
    [InlineData("1HGCM82643A004352")]
    [InlineData("1HGCM82633A00435")]
    [InlineData("1HGCM82633AO04352")]
    [InlineData("")]
    public void HasValidCheckDigit_WrongDigitLengthOrLetter_False(string vin) => Assert.False(Vin.HasValidCheckDigit(vin));

    [Fact]
    public void WithCheckDigit_AnyFormatValidVin_BecomesValid()
    {
        Assert.Equal("1HGCM82633A004352", Vin.WithCheckDigit("1HGCM82603A004352"));
    }
}
