using System.Text;

namespace Dms.Console.Internal;

/// <summary>
/// CSV as RFC 4180 writes it (CRLF records, fields quoted when they hold a comma, quote or line break, quotes doubled),
/// and safe to open in a spreadsheet: a cell starting with = + - @ (or a tab or carriage return) is prefixed with an
/// apostrophe, so it is shown as text instead of being run as a formula (OWASP CSV injection).
/// </summary>
public static class Csv
{
    public static string Record(IEnumerable<string?> fields) => string.Join(',', fields.Select(Field)) + "\r\n";

    public static string Field(string? value)
    {
        var text = value ?? string.Empty;
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    public static readonly Encoding Utf8WithBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
}
