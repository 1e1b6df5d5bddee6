using System.Text.Json.Nodes;
using System.Xml.Linq;
using Dms.Adapters.Soap.Internal.Contract;
using Dms.Adapters.Soap.Internal.Xml;

namespace Dms.Adapters.Soap.Tests.Contract;

/// <summary>Reading requests into JSON: values by their XSD type, every structural problem at once with its XML path.</summary>
public sealed class XmlToJsonTests
{
    private static readonly ObjectShape Claim = (ObjectShape)new ShapeBuilder(_ => JsonNode.Parse("""
        { "type": "object", "properties": {
            "vin": { "type": "string" },
            "openedOn": { "type": "string", "format": "date" },
            "lines": { "type": "array", "items": { "type": "object", "properties": { "hours": { "type": "number" }, "qty": { "type": "integer" }, "causal": { "type": "boolean" } } } } } }
        """)!.AsObject(), _ => throw new InvalidOperationException()).Root("claim.v1");

    [Fact]
    public void Read_WellFormedRequest_TypedJson()
    {
        var json = Read("<vin>1HG</vin><openedOn>2026-11-01+08:00</openedOn><lines><line><hours> 1.50 </hours><qty>+2</qty><causal>1</causal></line></lines>", out var errors);

        Assert.Empty(errors);
        Assert.Equal("""{"vin":"1HG","openedOn":"2026-11-01","lines":[{"hours":1.5,"qty":2,"causal":true}]}""", json.ToJsonString());
    }

    [Fact]
    public void Read_WrongTypesUnknownElementsMissingWrapperWrongNamespace_EveryErrorWithItsPath()
    {
        Read("<line><hours>1</hours></line><lines><line><hours>1e5</hours><qty>99999999999999999999</qty><causal>yes</causal><extra/></line></lines><vin xmlns=\"urn:other\">x</vin><openedOn><day>1</day></openedOn>", out var errors);

        Assert.Equal(
        [
            ("line", "UNKNOWN_FIELD"),
            ("lines/line[1]/hours", "INVALID_TYPE"),
            ("lines/line[1]/qty", "OUT_OF_RANGE"),
            ("lines/line[1]/causal", "INVALID_TYPE"),
            ("lines/line[1]/extra", "UNKNOWN_FIELD"),
            ("vin", "UNKNOWN_FIELD"),
            ("openedOn", "INVALID_TYPE"),
        ], errors.Select(e => (e.Path, e.Code)));
        Assert.Contains("inside its list element 'lines'", errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("/lines/0/qty", errors[2].JsonPointer);
    }

    [Fact]
    public void Read_NilElementAndRepeatedElement_NilIsAbsent_RepeatIsAnError()
    {
        var json = Read("<vin xsi:nil=\"true\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"/><openedOn>2026-11-01</openedOn><openedOn>2026-11-02</openedOn>", out var errors);

        Assert.False(json.ContainsKey("vin"));
        Assert.Equal(("openedOn", "SCHEMA_VIOLATION"), (errors.Single().Path, errors.Single().Code));
    }

    [Theory]
    [InlineData("/lines/0/hours", "claim/lines/line[1]/hours")]
    [InlineData("/lines", "claim/lines")]
    [InlineData("", "claim")]
    [InlineData("/x~1y", "claim/x/y")]
    public void FromPointer_JsonPointer_XmlPath(string jsonPointer, string path) => Assert.Equal(path, XmlPaths.FromPointer("claim", Claim, jsonPointer));

    private static JsonObject Read(string children, out List<SoapError> errors)
    {
        errors = [];
        return XmlToJson.Read(XElement.Parse($"<claim xmlns=\"urn:dms:dealer:v1\">{children}</claim>"), Claim, errors);
    }
}
