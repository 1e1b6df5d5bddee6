using Dms.Hub.Validation;

namespace Dms.Hub.Tests.Validation;

public sealed class SchemaValidatorTests
{
    private static readonly SchemaCatalog Catalog = new();

    [Fact]
    public void Validate_UnknownFieldsWithPointerCharacters_EscapedPaths()
    {
        var errors = SchemaValidator.Validate(Catalog.Get("document-command.v1"), """{"reason": "X_1", "a.b": 1, "c/d": 2, "e~f": 3}""");

        Assert.Equal(["/a.b", "/c~1d", "/e~0f"], errors.Where(e => e.Code == ErrorCodes.UnknownField).Select(e => e.Path).Order());
    }

    [Fact]
    public void Validate_TopLevelArray_SingleInvalidTypeAtRoot()
    {
        var error = Assert.Single(SchemaValidator.Validate(Catalog.Get("warranty-claim.v1"), "[1, 2]"));

        Assert.Equal(("", ErrorCodes.InvalidType), (error.Path, error.Code));
    }

    [Fact]
    public void Validate_NestedArrayItem_PointerWithIndex()
    {
        var errors = SchemaValidator.Validate(Catalog.Get("warranty-claim-event.v1"), """{"type": "Denied", "lines": [{"lineType": "labor", "index": 0, "decision": "Maybe"}]}""");

        Assert.Contains(errors, e => e is { Path: "/lines/0/decision", Code: ErrorCodes.InvalidValue });
    }
}
