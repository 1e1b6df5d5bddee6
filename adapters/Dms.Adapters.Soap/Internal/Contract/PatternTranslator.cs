using System.Globalization;
using System.Text;

namespace Dms.Adapters.Soap.Internal.Contract;

/// <summary>
/// JSON Schema (ECMA-262) patterns as XSD patterns, where the translation is exact or errs on the lenient side.
/// XSD patterns match the whole value, so only patterns anchored at both ends translate; lookarounds,
/// backreferences, word boundaries, lazy quantifiers and inner anchors have no XSD form, and such a pattern is left
/// out (the hub still enforces it and answers with an error path). \d and \w become ASCII classes, because XSD's
/// mean any Unicode digit or letter.
/// </summary>
internal static class PatternTranslator
{
    private const string XsdEscapable = "nrt\\|.?*+(){}-[]^";

    public static string? ToXsd(string pattern)
    {
        if (pattern.Length < 2 || pattern[0] != '^' || pattern[^1] != '$' || pattern.EndsWith("\\$", StringComparison.Ordinal))
        {
            return null;
        }

        var body = pattern[1..^1];
        var xsd = new StringBuilder();
        var inClass = false;
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            switch (c)
            {
                case '\\' when i + 1 < body.Length:
                    var escape = Escape(body, ref i, inClass);
                    if (escape is null)
                    {
                        return null;
                    }

                    xsd.Append(escape);
                    break;
                case '\\' or '^' or '$':
                    return null;
                case '(' when i + 1 < body.Length && body[i + 1] == '?':
                    return null;
                case '?' or '*' or '+' or '}' when i + 1 < body.Length && body[i + 1] == '?':
                    return null;
                case '[' when !inClass:
                    inClass = true;
                    xsd.Append(c);
                    if (i + 1 < body.Length && body[i + 1] == '^')
                    {
                        xsd.Append('^');
                        i++;
                    }

                    break;
                case ']' when inClass:
                    inClass = false;
                    xsd.Append(c);
                    break;
                case '[' when inClass:
                    xsd.Append("\\[");
                    break;
                default:
                    xsd.Append(c);
                    break;
            }
        }

        return xsd.ToString();
    }

    private static string? Escape(string body, ref int i, bool inClass)
    {
        var next = body[++i];
        switch (next)
        {
            case 'd':
                return inClass ? "0-9" : "[0-9]";
            case 'w':
                return inClass ? "A-Za-z0-9_" : "[A-Za-z0-9_]";
            case 's' or 'S':
                return "\\" + next;
            case 'u' when i + 4 < body.Length && int.TryParse(body.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                i += 4;
                return Literal((char)code);
            case 'b' or 'B' or 'D' or 'W' or 'c' or 'x' or 'k' or 'p' or 'P' or 'f' or 'v' or '0':
                return null;
            case >= '1' and <= '9':
                return null;
            case 'n' or 'r' or 't':
                return "\\" + next;
            default:
                return char.IsAsciiLetterOrDigit(next) ? null : Literal(next);
        }
    }

    private static string Literal(char c) => XsdEscapable.Contains(c, StringComparison.Ordinal) ? "\\" + c : c.ToString();
}
