using System.Globalization;
using System.Xml.Linq;

namespace Dms.Adapters.Soap.Internal.Contract;

/// <summary>
/// Writes the XML Schema of a service: its operations' wrapper elements and every named type they reach, in one
/// namespace. Required children are minOccurs 1 and never nillable; arrays are wrapper types with repeated items.
/// </summary>
internal static class XsdWriter
{
    public static readonly XNamespace Xs = "http://www.w3.org/2001/XMLSchema";
    public static readonly XNamespace Tns = SoapContract.Namespace;

    public static XElement Schema(SoapService service)
    {
        var named = new SortedDictionary<string, Shape>(StringComparer.Ordinal);
        foreach (var operation in service.Operations)
        {
            Collect(operation.Input, named);
            Collect(operation.Output, named);
        }

        var elements = service.Operations.SelectMany(o => new[] { Element(o.Name, o.Input), Element(o.ResponseName, o.Output) });
        return new XElement(Xs + "schema",
            new XAttribute(XNamespace.Xmlns + "tns", Tns.NamespaceName),
            new XAttribute("targetNamespace", Tns.NamespaceName),
            new XAttribute("elementFormDefault", "qualified"),
            elements,
            named.Values.Select(Definition));
    }

    private static void Collect(Shape shape, IDictionary<string, Shape> named)
    {
        if (shape.TypeName is { } name && !named.TryAdd(name, shape))
        {
            return;
        }

        switch (shape)
        {
            case ObjectShape o:
                foreach (var property in o.Properties)
                {
                    Collect(property.Shape, named);
                }

                break;
            case ListShape l:
                Collect(l.Item, named);
                break;
        }
    }

    // Wrapper elements carry no annotation: the operation's wsdl:documentation says it once.
    private static XElement Element(string name, ObjectShape wrapper) =>
        new(Xs + "element", new XAttribute("name", name), new XElement(Xs + "complexType", Sequence(wrapper.Properties)));

    private static XElement Sequence(IEnumerable<Property> properties) =>
        new(Xs + "sequence", properties.Select(p => Child(p.Name, p.Shape, p.Required ? 1 : 0, 1, p.Documentation)));

    private static XElement Child(string name, Shape shape, int minOccurs, int? maxOccurs, string? documentation)
    {
        var element = new XElement(Xs + "element", new XAttribute("name", name));
        if (minOccurs != 1)
        {
            element.Add(new XAttribute("minOccurs", minOccurs.ToString(CultureInfo.InvariantCulture)));
        }

        if (maxOccurs != 1)
        {
            element.Add(new XAttribute("maxOccurs", maxOccurs?.ToString(CultureInfo.InvariantCulture) ?? "unbounded"));
        }

        switch (shape)
        {
            case { TypeName: { } type }:
                element.Add(new XAttribute("type", "tns:" + type), Annotation(documentation));
                break;
            case ScalarShape { IsRestricted: true } scalar:
                element.Add(Annotation(documentation ?? scalar.Documentation), new XElement(Xs + "simpleType", Restriction(scalar)));
                break;
            case ScalarShape scalar:
                element.Add(new XAttribute("type", "xs:" + scalar.XsdBase), Annotation(documentation ?? scalar.Documentation));
                break;
            default:
                throw new InvalidOperationException($"Element {name} has an anonymous complex shape.");
        }

        return element;
    }

    private static XElement Definition(Shape shape) => shape switch
    {
        ObjectShape o => new XElement(Xs + "complexType", new XAttribute("name", o.TypeName!), Annotation(o.Documentation), Sequence(o.Properties)),
        ListShape l => new XElement(Xs + "complexType", new XAttribute("name", l.TypeName!), Annotation(l.Documentation),
            new XElement(Xs + "sequence", Child(l.ItemName, l.Item, l.MinItems, l.MaxItems, null))),
        ScalarShape s => new XElement(Xs + "simpleType", new XAttribute("name", s.TypeName!), Annotation(s.Documentation), Restriction(s)),
        _ => throw new InvalidOperationException(),
    };

    private static XElement Restriction(ScalarShape scalar)
    {
        var f = scalar.Facets;
        return new XElement(Xs + "restriction", new XAttribute("base", "xs:" + scalar.XsdBase),
            Facet("minExclusive", f.MinExclusive),
            Facet("minInclusive", f.MinInclusive),
            Facet("maxExclusive", f.MaxExclusive),
            Facet("maxInclusive", f.MaxInclusive),
            Facet("minLength", f.MinLength),
            Facet("maxLength", f.MaxLength),
            f.Pattern is { } pattern ? new XElement(Xs + "pattern", new XAttribute("value", pattern)) : null,
            scalar.Enumeration?.Select(v => new XElement(Xs + "enumeration", new XAttribute("value", v))));
    }

    private static XElement? Facet(string name, decimal? value) =>
        value is { } v ? new XElement(Xs + name, new XAttribute("value", v.ToString(CultureInfo.InvariantCulture))) : null;

    private static XElement? Facet(string name, int? value) => Facet(name, (decimal?)value);

    private static XElement? Annotation(string? documentation) =>
        string.IsNullOrWhiteSpace(documentation) ? null : new XElement(Xs + "annotation", new XElement(Xs + "documentation", documentation));
}
