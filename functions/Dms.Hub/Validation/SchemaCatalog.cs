using System.Collections.Frozen;
using System.Reflection;
using NJsonSchema;

namespace Dms.Hub.Validation;

/// <summary>The JSON schemas shipped with the hub (embedded from <c>schemas/</c>), loaded once.</summary>
public sealed class SchemaCatalog
{
    private const string Prefix = "schemas/";
    private const string Suffix = ".schema.json";
    private readonly FrozenDictionary<string, (string Text, JsonSchema Schema)> _schemas;

    public SchemaCatalog()
    {
        var assembly = typeof(SchemaCatalog).Assembly;
        _schemas = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(Suffix, StringComparison.Ordinal))
            .ToFrozenDictionary(n => n[Prefix.Length..^Suffix.Length], n => Load(assembly, n));
    }

    /// <summary>Names such as <c>warranty-claim.v1</c>.</summary>
    public IEnumerable<string> Names => _schemas.Keys.Order(StringComparer.Ordinal);

    public JsonSchema Get(string name) =>
        _schemas.TryGetValue(name, out var entry) ? entry.Schema : throw new KeyNotFoundException($"No schema named '{name}'.");

    public bool TryGetText(string name, out string text)
    {
        var found = _schemas.TryGetValue(name, out var entry);
        text = found ? entry.Text : string.Empty;
        return found;
    }

    private static (string, JsonSchema) Load(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        return (text, JsonSchema.FromJsonAsync(text).GetAwaiter().GetResult());
    }
}
