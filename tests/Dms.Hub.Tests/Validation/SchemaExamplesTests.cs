using System.Text.Json;
using Dms.Hub.Validation;

namespace Dms.Hub.Tests.Validation;

/// <summary>Every example under schemas/examples: valid ones pass, invalid ones fail for the stated reason.</summary>
public sealed class SchemaExamplesTests
{
    private static readonly SchemaCatalog Catalog = new();

    public static TheoryData<string, string> ValidExamples() => Examples("valid");

    public static TheoryData<string, string> InvalidExamples() => Examples("invalid");

    [Theory]
    [MemberData(nameof(ValidExamples))]
    public void Validate_ValidExample_HasNoErrors(string schema, string file)
    {
        var errors = SchemaValidator.Validate(Catalog.Get(schema), File.ReadAllText(file));

        Assert.Empty(errors);
    }

    [Theory]
    [MemberData(nameof(InvalidExamples))]
    public void Validate_InvalidExample_FailsWithExpectedPathAndCode(string schema, string file)
    {
        var expected = ExpectedErrors(file);
        Assert.NotEmpty(expected);

        var errors = SchemaValidator.Validate(Catalog.Get(schema), File.ReadAllText(file));

        foreach (var (path, code) in expected)
        {
            Assert.Contains(errors, e => e.Path == path && e.Code == code);
        }
    }

    [Fact]
    public void Catalog_EverySchemaHasValidAndInvalidExamples()
    {
        foreach (var name in Catalog.Names)
        {
            var folder = Path.Combine(ExamplesRoot(), name[..name.LastIndexOf(".v", StringComparison.Ordinal)]);
            Assert.True(Directory.EnumerateFiles(Path.Combine(folder, "valid"), "*.json").Any(), $"{name} has no valid example");
            Assert.True(Directory.EnumerateFiles(Path.Combine(folder, "invalid"), "*.json").Any(f => !f.EndsWith("expected-errors.json", StringComparison.Ordinal)), $"{name} has no invalid example");
        }
    }

    private static TheoryData<string, string> Examples(string kind)
    {
        var data = new TheoryData<string, string>();
        foreach (var name in Catalog.Names)
        {
            var folder = Path.Combine(ExamplesRoot(), name[..name.LastIndexOf(".v", StringComparison.Ordinal)], kind);
            foreach (var file in Directory.EnumerateFiles(folder, "*.json").Where(f => !f.EndsWith("expected-errors.json", StringComparison.Ordinal)).Order())
            {
                data.Add(name, file);
            }
        }

        return data;
    }

    private static List<(string Path, string Code)> ExpectedErrors(string file)
    {
        var manifest = Path.Combine(Path.GetDirectoryName(file)!, "expected-errors.json");
        using var json = JsonDocument.Parse(File.ReadAllText(manifest));
        return json.RootElement.TryGetProperty(Path.GetFileName(file), out var list)
            ? list.EnumerateArray().Select(e => (e.GetProperty("path").GetString()!, e.GetProperty("code").GetString()!)).ToList()
            : [];
    }

    private static string ExamplesRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "schemas", "examples");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("schemas/examples not found");
    }
}
