using System.Text.Json.Nodes;
using System.Xml.Linq;
using Dms.Adapters.Soap.Internal.Contract;
using Dms.Hub.Validation;

namespace Dms.Adapters.Soap.Internal.Xml;

/// <summary>
/// Reads a request element into JSON, guided by its shape: child elements become properties, list wrappers arrays,
/// text typed values. Structure is checked here (unknown or misplaced elements, values of the wrong type, missing
/// wrappers), every problem at once with its XML path; what the values must satisfy is left to the document's JSON
/// schema and rules, exactly as for REST. Child order is not enforced: a client that reorders elements loses nothing.
/// </summary>
internal static class XmlToJson
{
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>The wrapper's children as a JSON object; <paramref name="errors"/> says what could not be read.</summary>
    public static JsonObject Read(XElement wrapper, ObjectShape shape, List<SoapError> errors)
    {
        var result = ReadObject(wrapper, shape, string.Empty, string.Empty, errors);
        foreach (var property in shape.Properties.Where(p => p.Required && !result.ContainsKey(p.Name)))
        {
            errors.Add(new SoapError(property.Name, null, ErrorCodes.Required, $"'{property.Name}' is required."));
        }

        return result;
    }

    private static JsonObject ReadObject(XElement element, ObjectShape shape, string path, string pointer, List<SoapError> errors)
    {
        var result = new JsonObject();
        RejectText(element, path, pointer, "child elements", errors);
        foreach (var child in element.Elements())
        {
            var name = child.Name.LocalName;
            var childPath = Join(path, name);
            var childPointer = JsonPointer.Append(pointer, name);
            if (shape.Find(name) is not { } property || child.Name.Namespace != XsdWriter.Tns)
            {
                errors.Add(new SoapError(childPath, null, ErrorCodes.UnknownField, Unknown(child, shape, Describe(path))));
                continue;
            }

            if (result.ContainsKey(name))
            {
                errors.Add(new SoapError(childPath, childPointer, ErrorCodes.SchemaViolation, $"'{name}' may appear only once."));
                continue;
            }

            if (IsNil(child))
            {
                continue;
            }

            if (Read(child, property.Shape, childPath, childPointer, errors) is { } value)
            {
                result[name] = value;
            }
        }

        return result;
    }

    private static JsonNode? Read(XElement element, Shape shape, string path, string pointer, List<SoapError> errors) => shape switch
    {
        ObjectShape o => ReadObject(element, o, path, pointer, errors),
        ListShape l => ReadList(element, l, path, pointer, errors),
        ScalarShape s => ReadScalar(element, s, path, pointer, errors),
        _ => null,
    };

    private static JsonArray ReadList(XElement element, ListShape shape, string path, string pointer, List<SoapError> errors)
    {
        var items = new JsonArray();
        RejectText(element, path, pointer, $"'{shape.ItemName}' elements", errors);
        foreach (var child in element.Elements())
        {
            var itemPath = $"{path}/{shape.ItemName}[{items.Count + 1}]";
            if (child.Name.LocalName != shape.ItemName || child.Name.Namespace != XsdWriter.Tns)
            {
                errors.Add(new SoapError(Join(path, child.Name.LocalName), null, ErrorCodes.UnknownField,
                    $"'{Describe(child)}' is not allowed in {Describe(path)}: it holds '{shape.ItemName}' elements in {XsdWriter.Tns.NamespaceName}."));
                continue;
            }

            items.Add(Read(child, shape.Item, itemPath, JsonPointer.Append(pointer, items.Count), errors) ?? JsonValue.Create(string.Empty));
        }

        return items;
    }

    private static JsonNode? ReadScalar(XElement element, ScalarShape shape, string path, string pointer, List<SoapError> errors)
    {
        if (element.HasElements)
        {
            errors.Add(new SoapError(path, pointer, ErrorCodes.InvalidType, "Expected a value, not child elements."));
            return null;
        }

        var text = element.Value;
        var value = ScalarText.Parse(text, shape.Kind);
        if (value is null)
        {
            errors.Add(new SoapError(path, pointer, ScalarText.ErrorCode(text, shape.Kind), ScalarText.Expected(shape.Kind)));
        }

        return value;
    }

    private static void RejectText(XElement element, string path, string pointer, string expected, List<SoapError> errors)
    {
        if (element.Nodes().OfType<XText>().Any(t => !string.IsNullOrWhiteSpace(t.Value)))
        {
            errors.Add(new SoapError(path, pointer, ErrorCodes.InvalidType, $"Expected {expected}, not text."));
        }
    }

    // xsi:nil is read as "absent": the contract declares nothing nillable, but some stacks send nil for empty values.
    private static bool IsNil(XElement element) =>
        (string?)element.Attribute(Xsi + "nil") is { } nil && (nil.Trim() == "true" || nil.Trim() == "1") && !element.Nodes().Any();

    private static string Unknown(XElement child, ObjectShape shape, string where)
    {
        var name = child.Name.LocalName;
        if (shape.Find(name) is not null)
        {
            return $"'{name}' must be in namespace {XsdWriter.Tns.NamespaceName}.";
        }

        var list = shape.Properties.FirstOrDefault(p => p.Shape is ListShape l && l.ItemName == name);
        return list is not null
            ? $"'{name}' must be inside its list element '{list.Name}'."
            : $"'{Describe(child)}' is not an element of {where}.";
    }

    private static string Describe(XElement element) =>
        element.Name.Namespace == XNamespace.None || element.Name.Namespace == XsdWriter.Tns ? element.Name.LocalName : element.Name.ToString();

    private static string Describe(string path) => path.Length == 0 ? "the request" : path;

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "/" + name;
}
