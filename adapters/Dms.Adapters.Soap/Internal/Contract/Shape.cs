namespace Dms.Adapters.Soap.Internal.Contract;

/// <summary>
/// The XML form of one JSON schema node: what an element contains. The same shapes drive the XSD in the WSDL, the
/// reading of requests into JSON and the writing of replies, so the three cannot disagree.
/// </summary>
/// <param name="TypeName">The named XSD type (objects, lists and code lists), or null for an anonymous one.</param>
internal abstract record Shape(string? TypeName, string? Documentation);

/// <summary>An element with child elements, one per JSON property, in schema order.</summary>
internal sealed record ObjectShape(string? TypeName, IReadOnlyList<Property> Properties, string? Documentation) : Shape(TypeName, Documentation)
{
    public Property? Find(string name) => Properties.FirstOrDefault(p => p.Name == name);
}

/// <summary>A child element: the JSON property of the same name.</summary>
internal sealed record Property(string Name, Shape Shape, bool Required, string? Documentation);

/// <summary>A JSON array as a wrapper element holding repeated item elements (<c>laborLines/laborLine</c>).</summary>
internal sealed record ListShape(string TypeName, string ItemName, Shape Item, int MinItems, int? MaxItems, string? Documentation) : Shape(TypeName, Documentation);

internal enum ScalarKind
{
    String,
    Date,
    DateTime,
    Integer,
    Decimal,
    Boolean,
}

/// <summary>A value with its XSD restrictions. <see cref="Shape.TypeName"/> is set for closed code lists (enumerations).</summary>
internal sealed record ScalarShape(ScalarKind Kind, string? TypeName, Facets Facets, IReadOnlyList<string>? Enumeration, string? Documentation) : Shape(TypeName, Documentation)
{
    public string XsdBase => Kind switch
    {
        ScalarKind.Date => "date",
        ScalarKind.DateTime => "dateTime",
        ScalarKind.Integer => Facets.FitsInt ? "int" : "long",
        ScalarKind.Decimal => "decimal",
        ScalarKind.Boolean => "boolean",
        _ => "string",
    };

    public bool IsRestricted => Enumeration is not null || Facets.Any;
}

/// <summary>The JSON schema keywords that have an XSD facet.</summary>
internal sealed record Facets(
    int? MinLength = null,
    int? MaxLength = null,
    string? Pattern = null,
    decimal? MinInclusive = null,
    decimal? MaxInclusive = null,
    decimal? MinExclusive = null,
    decimal? MaxExclusive = null)
{
    public static Facets None { get; } = new();

    public bool Any => this != None;

    public bool FitsInt =>
        (MinInclusive ?? MinExclusive) is { } min && min >= int.MinValue
        && (MaxInclusive ?? MaxExclusive) is { } max && max <= int.MaxValue;
}
