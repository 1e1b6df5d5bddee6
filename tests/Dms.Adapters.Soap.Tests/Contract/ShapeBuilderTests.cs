using System.Text.Json.Nodes;
using Dms.Adapters.Soap.Internal.Contract;

namespace Dms.Adapters.Soap.Tests.Contract;

/// <summary>The naming and shape rules of the generator, on small schemas.</summary>
public sealed class ShapeBuilderTests
{
    [Theory]
    [InlineData("laborLines", "laborLine")]
    [InlineData("incentiveCodes", "incentiveCode")]
    [InlineData("deliveries", "delivery")]
    [InlineData("address", null)]
    [InlineData("partsToReturn", null)]
    public void Singular_PluralProperty_ItemName(string plural, string? singular) => Assert.Equal(singular, ShapeBuilder.Singular(plural));

    [Theory]
    [InlineData("WarrantyClaim", "claimType", "WarrantyClaimType")]
    [InlineData("WarrantyClaim", "repairOrder", "WarrantyClaimRepairOrder")]
    [InlineData("DocumentStatus", "status", "DocumentStatusStatus")]
    [InlineData("RetailDeliveryReport", "saleType", "RetailDeliveryReportSaleType")]
    public void Derive_OwnerAndProperty_TypeName(string owner, string property, string expected) => Assert.Equal(expected, ShapeBuilder.Derive(owner, property));

    [Fact]
    public void Root_ObjectWithArraysEnumsFormatsAndRanges_Shaped()
    {
        var shape = (ObjectShape)Builder(Schema("""
            { "type": "object", "required": ["lines"], "properties": {
                "lines": { "type": "array", "minItems": 1, "maxItems": 5, "items": { "type": "object", "properties": { "hours": { "type": "number", "minimum": 0, "exclusiveMaximum": 100 } } } },
                "kind": { "type": "string", "enum": ["A", "B"] },
                "on": { "type": "string", "format": "date" },
                "count": { "type": "integer", "minimum": 1, "maximum": 500 } } }
            """)).Root("thing.v1");

        var lines = Assert.IsType<ListShape>(shape.Find("lines")!.Shape);
        Assert.Equal(("ThingLines", "line", 1, 5, true), (lines.TypeName, lines.ItemName, lines.MinItems, lines.MaxItems, shape.Find("lines")!.Required));
        var hours = Assert.IsType<ScalarShape>(((ObjectShape)lines.Item).Find("hours")!.Shape);
        Assert.Equal((ScalarKind.Decimal, 0m, 100m, (decimal?)null), (hours.Kind, hours.Facets.MinInclusive, hours.Facets.MaxExclusive, hours.Facets.MaxInclusive));
        Assert.Equal("ThingKind", shape.Find("kind")!.Shape.TypeName);
        Assert.Equal(["A", "B"], ((ScalarShape)shape.Find("kind")!.Shape).Enumeration!);
        Assert.Equal("date", ((ScalarShape)shape.Find("on")!.Shape).XsdBase);
        Assert.Equal("int", ((ScalarShape)shape.Find("count")!.Shape).XsdBase);
    }

    [Fact]
    public void Root_SameDefinitionNameWithDifferentShapes_StopsTheBuild()
    {
        var builder = Builder(
            Schema("""{ "type": "object", "properties": { "m": { "$ref": "#/definitions/money" } }, "definitions": { "money": { "type": "object", "properties": { "amount": { "type": "integer" } } } } }"""),
            Schema("""{ "type": "object", "properties": { "m": { "$ref": "#/definitions/money" } }, "definitions": { "money": { "type": "object", "properties": { "cents": { "type": "integer" } } } } }"""));

        builder.Root("first.v1");
        var error = Assert.Throws<InvalidOperationException>(() => builder.Root("second.v1"));

        Assert.Contains("Money", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Root_ArrayWhoseItemsCannotBeNamed_AsksForXXmlItem()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Builder(Schema("""{ "type": "object", "properties": { "partsToReturn": { "type": "array", "items": { "type": "string" } } } }""")).Root("thing.v1"));

        Assert.Contains("x-xml-item", error.Message, StringComparison.Ordinal);
    }

    private static JsonObject Schema(string json) => JsonNode.Parse(json)!.AsObject();

    private static ShapeBuilder Builder(params JsonObject[] schemas) =>
        new(name => name switch { "thing.v1" or "first.v1" => schemas[0], _ => schemas[^1] }, part => throw new InvalidOperationException(part));
}
