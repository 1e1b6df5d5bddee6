using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using Dms.Adapters.Soap.Internal.Contract;

namespace Dms.Adapters.Soap.Internal.Xml;

/// <summary>
/// Writes JSON as XML, guided by its shape: properties in the contract's order, arrays as wrapper and items, values
/// in their XSD lexical form. A value that does not fit its shape is left out rather than written wrong.
/// </summary>
internal static class JsonToXml
{
    private static readonly string Ns = XsdWriter.Tns.NamespaceName;

    public static void WriteChildren(XmlWriter writer, JsonObject value, ObjectShape shape)
    {
        foreach (var property in shape.Properties)
        {
            if (value[property.Name] is { } child)
            {
                Write(writer, property.Name, child, property.Shape);
            }
        }
    }

    public static void Write(XmlWriter writer, string name, JsonNode value, Shape shape)
    {
        switch (shape, value)
        {
            case (ObjectShape o, JsonObject obj):
                writer.WriteStartElement(name, Ns);
                WriteChildren(writer, obj, o);
                writer.WriteEndElement();
                break;
            case (ListShape l, JsonArray array):
                writer.WriteStartElement(name, Ns);
                foreach (var item in array.OfType<JsonNode>())
                {
                    Write(writer, l.ItemName, item, l.Item);
                }

                writer.WriteEndElement();
                break;
            case (ScalarShape s, JsonValue scalar) when Text(scalar, s.Kind) is { } text:
                writer.WriteElementString(name, Ns, XmlChars.Clean(text));
                break;
        }
    }

    // Values built in code (a DateTimeOffset, an int) and values parsed from text behave differently in
    // System.Text.Json.Nodes; reading every value back as a JsonElement treats them alike.
    private static string? Text(JsonValue value, ScalarKind kind)
    {
        using var document = JsonDocument.Parse(value.ToJsonString());
        var element = document.RootElement;
        return (kind, element.ValueKind) switch
        {
            (ScalarKind.Integer or ScalarKind.Decimal, JsonValueKind.Number) =>
                element.TryGetDecimal(out var number) ? number.ToString("0.############################", CultureInfo.InvariantCulture) : null,
            (ScalarKind.Boolean, JsonValueKind.True) => "true",
            (ScalarKind.Boolean, JsonValueKind.False) => "false",
            (ScalarKind.DateTime, JsonValueKind.String) =>
                DateTimeOffset.TryParse(element.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? ScalarText.Format(time) : null,
            (ScalarKind.Date, JsonValueKind.String) => element.GetString() is { Length: >= 10 } date ? date[..10] : null,
            (ScalarKind.String, JsonValueKind.String) => element.GetString(),
            (ScalarKind.String, JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False) => element.GetRawText(),
            _ => null,
        };
    }
}
