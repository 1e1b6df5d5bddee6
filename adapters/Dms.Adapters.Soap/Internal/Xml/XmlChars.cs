using System.Text;
using System.Xml;

namespace Dms.Adapters.Soap.Internal.Xml;

/// <summary>
/// Text that XML 1.0 can carry. JSON (REST) accepts control characters that XML cannot hold; writing one would
/// throw in the middle of a reply, so each is replaced with U+FFFD instead.
/// </summary>
internal static class XmlChars
{
    public static string Clean(string text)
    {
        if (IsClean(text))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(text[i]).Append(text[++i]);
            }
            else
            {
                clean.Append(XmlConvert.IsXmlChar(text[i]) ? text[i] : '\uFFFD');
            }
        }

        return clean.ToString();
    }

    private static bool IsClean(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                continue;
            }

            if (!(char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])))
            {
                return false;
            }

            i++;
        }

        return true;
    }
}
