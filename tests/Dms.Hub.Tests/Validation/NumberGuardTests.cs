using Dms.Hub.Validation;

namespace Dms.Hub.Tests.Validation;

public sealed class NumberGuardTests
{
    [Theory]
    [InlineData("123456789012345678901234567890")]
    [InlineData("-9223372036854775809")]
    [InlineData("18446744073709551616")]
    [InlineData("1e400")]
    [InlineData("-1.8e308")]
    [InlineData("1e-400")]
    [InlineData("0.12345678901234567890123456789012345")]
    [InlineData("1234567890.12345678901234567890")]
    public void Check_NumberNoFieldCanHold_RefusedWithItsPath(string number)
    {
        var error = Assert.Single(NumberGuard.Check($$"""{"a":1,"lines":[{"x":2},{"hours":{{number}},"y":[3]}]}"""));

        Assert.Equal(("/lines/1/hours", ErrorCodes.UnsupportedNumber), (error.Path, error.Code));
    }

    [Theory]
    [InlineData("-0")]
    [InlineData("-0.0")]
    [InlineData("0e0")]
    [InlineData("1E+2")]
    [InlineData("2.5e1")]
    [InlineData("9223372036854775807")]
    [InlineData("1.7976931348623157e308")]
    [InlineData("4.9e-324")]
    [InlineData("1.0000000000000000000000000000000")]
    [InlineData("0.1")]
    public void Check_OrdinaryValueInAnyNotation_LeftToTheSchema(string number) =>
        Assert.Empty(NumberGuard.Check($$$"""{"x":[{{{number}}}],"y":{"z":{{{number}}}}}"""));

    [Fact]
    public void Check_SeveralAtOnce_EachWithItsPath() =>
        Assert.Equal(["/0", "/2/k~1v"], NumberGuard.Check("""[1e999, 1, {"k/v": 99999999999999999999}]""").Select(e => e.Path));
}
