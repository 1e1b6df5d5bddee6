using System.Text;
using Dms.Hub.Intake;
using Dms.Hub.Validation;

namespace Dms.Hub.Tests.Intake;

public sealed class JsonInputTests
{
    [Theory]
    [InlineData("{\"a\": 1, \"a\": 2}")]
    [InlineData("{\"a\": 1,}")]
    [InlineData("{\"a\": 1} // comment")]
    [InlineData("{\"a\": ")]
    [InlineData("")]
    public void TryParse_NotStrictJson_MalformedJson(string body)
    {
        Assert.False(JsonInput.TryParse(Encoding.UTF8.GetBytes(body), out _, out _, out var error));
        Assert.Equal(ErrorCodes.MalformedJson, error!.Code);
    }

    [Fact]
    public void TryParse_TooDeep_Malformed()
    {
        var deep = new string('[', 40) + new string(']', 40);

        Assert.False(JsonInput.TryParse(Encoding.UTF8.GetBytes(deep), out _, out _, out var error));
        Assert.Equal(ErrorCodes.MalformedJson, error!.Code);
    }

    [Fact]
    public void TryParse_InvalidUtf8_Malformed()
    {
        Assert.False(JsonInput.TryParse(new byte[] { (byte)'"', 0xC3, 0x28, (byte)'"' }, out _, out _, out var error));
        Assert.Equal(ErrorCodes.MalformedJson, error!.Code);
    }

    [Fact]
    public void TryParse_Null_InvalidType()
    {
        Assert.False(JsonInput.TryParse("null"u8.ToArray(), out _, out _, out var error));
        Assert.Equal(ErrorCodes.InvalidType, error!.Code);
    }

    [Fact]
    public void TryParse_Utf8ByteOrderMark_Accepted()
    {
        var body = Encoding.UTF8.GetPreamble().Concat("{\"a\":1}"u8.ToArray()).ToArray();

        Assert.True(JsonInput.TryParse(body, out var node, out var text, out _));
        Assert.Equal(1, node["a"]!.GetValue<int>());
        Assert.Equal("{\"a\":1}", text);
    }
}
