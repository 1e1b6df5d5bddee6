using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace Dms.Console.Internal;

/// <summary>
/// Masks personal data (buyer and customer names, phone numbers, e-mail and postal addresses) in documents and raw
/// payloads, JSON or XML: every text under a buyer/customer/owner/driver/contact element, and any phone, e-mail or
/// address field anywhere. Shown unmasked only to operators who ask, with a reason, and that is audited.
/// </summary>
public static class PersonalData
{
    public const string Mask = "[masked]";
    private static readonly HashSet<string> Containers = new(StringComparer.OrdinalIgnoreCase) { "buyer", "customer", "owner", "driver", "contact", "person" };
    private static readonly HashSet<string> Fields = new(StringComparer.OrdinalIgnoreCase) { "phone", "email", "mobile", "address", "street", "postalCode", "firstName", "lastName", "customerName", "buyerName" };

    /// <summary>Structural fields kept even inside a container: they say what kind of party it is, not who.</summary>
    private static readonly HashSet<string> Kept = new(StringComparer.OrdinalIgnoreCase) { "type", "consent", "marketing", "dataSharing" };

    public static JsonNode? MaskJson(JsonNode? node)
    {
        var copy = node?.DeepClone();
        Walk(copy, inside: false);
        return copy;
    }

    public static string MaskJsonText(string json)
    {
        try
        {
            return MaskJson(JsonNode.Parse(json))?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? json;
        }
        catch (JsonException)
        {
            return "(not JSON; withheld because it may hold personal data)";
        }
    }

    public static string MaskXmlText(string xml)
    {
        try
        {
            var document = XDocument.Parse(xml);
            foreach (var element in document.Descendants().Where(e => !e.HasElements).ToList())
            {
                var name = element.Name.LocalName;
                var inside = element.Ancestors().Any(a => Containers.Contains(a.Name.LocalName));
                if ((Fields.Contains(name) || (inside && !Kept.Contains(name) && !element.Ancestors().Any(a => Kept.Contains(a.Name.LocalName)))) && element.Value.Length > 0)
                {
                    element.Value = Mask;
                }
            }

            return document.ToString();
        }
        catch (XmlException)
        {
            return "(not XML; withheld because it may hold personal data)";
        }
    }

    private static void Walk(JsonNode? node, bool inside)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (value is JsonValue && (Fields.Contains(name) || (inside && !Kept.Contains(name))))
                    {
                        obj[name] = Mask;
                    }
                    else if (!inside || !Kept.Contains(name))
                    {
                        Walk(value, inside || Containers.Contains(name));
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Walk(item, inside);
                }

                break;
        }
    }
}
