using System.Globalization;
using Dms.Adapters.Soap.Internal.Contract;

namespace Dms.Adapters.Soap.Internal.Xml;

/// <summary>JSON Pointers into a document, as the XML paths a SOAP client sent: <c>/laborLines/0/hours</c> → <c>warrantyClaim/laborLines/laborLine[1]/hours</c>.</summary>
internal static class XmlPaths
{
    public static string FromPointer(string element, Shape shape, string pointer)
    {
        var path = element;
        Shape? current = shape;
        foreach (var raw in pointer.Split('/').Skip(1))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            switch (current)
            {
                case ObjectShape o when o.Find(segment) is { } property:
                    path += "/" + segment;
                    current = property.Shape;
                    break;
                case ListShape l when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index):
                    path += $"/{l.ItemName}[{index + 1}]";
                    current = l.Item;
                    break;
                default:
                    path += "/" + segment;
                    current = null;
                    break;
            }
        }

        return path;
    }

    /// <summary>A pointer into the request wrapper made relative to its child <paramref name="element"/>; null when it points elsewhere.</summary>
    public static string? Rebase(string? pointer, string element)
    {
        var prefix = "/" + element;
        return pointer is null ? null
            : pointer == prefix ? string.Empty
            : pointer.StartsWith(prefix + "/", StringComparison.Ordinal) ? pointer[prefix.Length..]
            : null;
    }
}
