using System.Globalization;
using System.Text.Json.Nodes;
using Dms.Hub.Common;

namespace Dms.Adapters.Soap.Internal.Contract;

/// <summary>
/// Turns JSON schemas into XML shapes. Naming rules, decided once: a schema's root is its name in PascalCase
/// (<c>warranty-claim.v1</c> → <c>WarrantyClaim</c>); a definition is its own name (<c>money</c> → <c>Money</c>) and
/// must mean the same wherever it is defined; anything inline is named after its owner and property
/// (<c>WarrantyClaimRepairOrder</c>). An array's items are named by <c>x-xml-item</c>, else by the singular of the
/// property (<c>laborLines</c> → <c>laborLine</c>). Two different shapes under one name stop the build. A property
/// marked <c>x-rest-only</c> is left out.
/// </summary>
/// <param name="schemas">A schema by name (<c>warranty-claim.v1</c>).</param>
/// <param name="registryPart">What an <c>x-registry</c> node stands for: a type name and a schema generated from the registry.</param>
internal sealed class ShapeBuilder(Func<string, JsonObject> schemas, Func<string, (string TypeName, JsonObject Schema)> registryPart)
{
    private const string SchemaSuffix = ".schema.json";
    private readonly Dictionary<string, Shape> _named = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _fingerprints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Shape> _roots = new(StringComparer.Ordinal);

    /// <summary>Every named type built so far, by name.</summary>
    public IReadOnlyDictionary<string, Shape> NamedTypes => _named;

    /// <summary><c>warranty-claim.v1</c> → <c>warranty-claim</c>.</summary>
    public static string BaseName(string schemaName) =>
        schemaName.LastIndexOf(".v", StringComparison.Ordinal) is var at and > 0 ? schemaName[..at] : schemaName;

    /// <summary>The element name a schema's root travels in: <c>warranty-claim.v1</c> → <c>warrantyClaim</c>.</summary>
    public static string ElementName(string schemaName) => Names.Camel(BaseName(schemaName));

    public Shape Root(string schemaName)
    {
        if (_roots.TryGetValue(schemaName, out var root))
        {
            return root;
        }

        var document = schemas(schemaName);
        var name = Names.Pascal(BaseName(schemaName));
        return _roots[schemaName] = BuildNamed(document, new Scope(schemaName, document), name, name, null);
    }

    /// <summary>An operation's wrapper element: an anonymous type whose inline parts are named after the operation.</summary>
    public ObjectShape Wrapper(string operation, JsonObject schema) =>
        (ObjectShape)BuildNamed(schema, new Scope(operation, schema), null, operation, null);

    private Shape Build(JsonObject node, Scope scope, string owner, string property) =>
        BuildNamed(node, scope, Derive(owner, property), owner, property);

    private Shape BuildNamed(JsonObject node, Scope scope, string? typeName, string owner, string? property)
    {
        var documentation = (string?)node["description"];
        if ((string?)node["$ref"] is { } reference)
        {
            return Reference(reference, scope);
        }

        if ((string?)node["x-registry"] is { } part)
        {
            var (partName, partSchema) = registryPart(part);
            return _named.TryGetValue(partName, out var known) ? known : BuildNamed(partSchema, new Scope("registry:" + part, partSchema), partName, partName, part);
        }

        if (node["oneOf"] is not null || node["anyOf"] is not null || node["additionalProperties"] is JsonObject)
        {
            throw new InvalidOperationException($"{scope.SchemaName}: '{property ?? typeName}' uses oneOf, anyOf or a map, which have no XML form here; model it as an object with optional properties or a list.");
        }

        switch (TypeOf(node))
        {
            case "object":
                var required = (node["required"] as JsonArray)?.Select(r => (string)r!).ToHashSet(StringComparer.Ordinal) ?? [];
                var properties = (node["properties"] as JsonObject ?? []).Where(p => !RestOnly(p.Value!)).Select(p =>
                    new Property(p.Key, Build(p.Value!.AsObject(), scope, typeName ?? owner, p.Key), required.Contains(p.Key), (string?)p.Value!["description"])).ToList();
                return Register(new ObjectShape(typeName, properties, documentation));
            case "array":
                var item = (string?)node["x-xml-item"] ?? Singular(property)
                    ?? throw new InvalidOperationException($"{scope.SchemaName}: name the items of '{property}' with x-xml-item.");
                var items = Build(node["items"]!.AsObject(), scope, owner, item);
                return Register(new ListShape(typeName ?? Derive(owner, property ?? item), item, items, (int?)node["minItems"] ?? 0, (int?)node["maxItems"], documentation));
            default:
                return Scalar(node, typeName, documentation);
        }
    }

    private Shape Reference(string reference, Scope scope)
    {
        const string local = "#/definitions/";
        if (!reference.StartsWith(local, StringComparison.Ordinal))
        {
            return Root(reference.Split('#')[0].Replace(SchemaSuffix, string.Empty, StringComparison.Ordinal));
        }

        var name = reference[local.Length..];
        var definition = scope.Document["definitions"]?[name]?.AsObject()
            ?? throw new InvalidOperationException($"{scope.SchemaName}: {reference} does not resolve.");
        var typeName = Names.Pascal(name);
        return BuildNamed(definition, scope, typeName, typeName, name);
    }

    private Shape Scalar(JsonObject node, string? typeName, string? documentation)
    {
        var kind = (TypeOf(node), (string?)node["format"]) switch
        {
            ("string", "date") => ScalarKind.Date,
            ("string", "date-time") => ScalarKind.DateTime,
            ("integer", _) => ScalarKind.Integer,
            ("number", _) => ScalarKind.Decimal,
            ("boolean", _) => ScalarKind.Boolean,
            ("string", _) => ScalarKind.String,
            var (type, _) => throw new InvalidOperationException($"JSON type '{type}' has no XML form."),
        };
        var enumeration = (node["enum"] as JsonArray)?.Select(v => v!.ToString()).ToList();
        // Draft-04 writes "exclusiveMaximum": true beside "maximum"; draft-06 writes the exclusive bound itself.
        var (minimumExclusive, maximumExclusive) = (Flag(node, "exclusiveMinimum"), Flag(node, "exclusiveMaximum"));
        var facets = new Facets(
            (int?)node["minLength"],
            (int?)node["maxLength"],
            (string?)node["pattern"] is { } pattern ? PatternTranslator.ToXsd(pattern) : null,
            minimumExclusive ? null : Number(node["minimum"]),
            maximumExclusive ? null : Number(node["maximum"]),
            minimumExclusive ? Number(node["minimum"]) : Number(node["exclusiveMinimum"]),
            maximumExclusive ? Number(node["maximum"]) : Number(node["exclusiveMaximum"]));
        var shape = new ScalarShape(kind, enumeration is null ? null : typeName, facets, enumeration, documentation);
        return enumeration is null ? shape : Register(shape);
    }

    /// <summary>The node's JSON type: <c>["string", "null"]</c> counts as string, and a bare enum of strings as a string.</summary>
    private static string? TypeOf(JsonObject node) => node["type"] switch
    {
        JsonArray types => types.Select(t => (string?)t).FirstOrDefault(t => t != "null"),
        JsonValue type => (string?)type,
        _ => node["enum"] is not null ? "string" : node["properties"] is not null ? "object" : null,
    };

    /// <summary>
    /// <c>x-rest-only</c>: REST links (<c>links/self</c> …) have no XML form — SOAP clients follow operations, not
    /// URLs, and an element named <c>self</c> breaks generated clients (zeep, Python) outright.
    /// </summary>
    private static bool RestOnly(JsonNode property) => property is JsonObject node && Flag(node, "x-rest-only");

    private static bool Flag(JsonObject node, string keyword) => node[keyword] is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

    private static decimal? Number(JsonNode? node) =>
        node is JsonValue value && decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    private Shape Register(Shape shape)
    {
        if (shape.TypeName is not { } name)
        {
            return shape;
        }

        var fingerprint = Fingerprint(shape);
        if (_fingerprints.TryGetValue(name, out var existing))
        {
            return existing == fingerprint
                ? _named[name]
                : throw new InvalidOperationException($"Two different XML types would be named {name}; rename one of the schema definitions or properties.");
        }

        _fingerprints[name] = fingerprint;
        return _named[name] = shape;
    }

    /// <summary>Structure without documentation: definitions that differ only in wording are the same type.</summary>
    private static string Fingerprint(Shape shape) => shape switch
    {
        ObjectShape o => "O{" + string.Join(';', o.Properties.Select(p => $"{p.Name}:{p.Required}:{Ref(p.Shape)}")) + "}",
        ListShape l => $"L{{{l.ItemName}:{l.MinItems}:{l.MaxItems}:{Ref(l.Item)}}}",
        ScalarShape s => $"S{{{s.Kind}:{s.Facets}:{string.Join('|', s.Enumeration ?? [])}}}",
        _ => throw new InvalidOperationException(),
    };

    private static string Ref(Shape shape) => shape.TypeName ?? Fingerprint(shape);

    /// <summary><c>WarrantyClaim</c> + <c>claimType</c> → <c>WarrantyClaimType</c> (the repeated word is dropped).</summary>
    internal static string Derive(string owner, string property)
    {
        var pascal = Names.Pascal(property);
        var start = owner.Length - 1;
        while (start > 0 && !char.IsUpper(owner[start]))
        {
            start--;
        }

        var lastWord = owner[start..];
        return pascal.Length > lastWord.Length && pascal.StartsWith(lastWord, StringComparison.Ordinal) && char.IsUpper(pascal[lastWord.Length])
            ? owner + pascal[lastWord.Length..]
            : owner + pascal;
    }

    internal static string? Singular(string? plural) => plural switch
    {
        null => null,
        _ when plural.EndsWith("ies", StringComparison.Ordinal) => plural[..^3] + "y",
        _ when plural.EndsWith('s') && !plural.EndsWith("ss", StringComparison.Ordinal) => plural[..^1],
        _ => null,
    };

    private sealed record Scope(string SchemaName, JsonObject Document);
}
