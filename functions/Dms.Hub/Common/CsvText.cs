using System.Globalization;
using System.Text;

namespace Dms.Hub.Common;

/// <summary>
/// RFC 4180 fields for CSV the hub writes (exports, error reports): quoted when needed, and text that a spreadsheet
/// would run as a formula (starting with <c>= + - @</c>, a tab or a carriage return) made inert with a leading
/// apostrophe (OWASP "CSV injection"). Numbers the hub formats itself are written as they are.
/// </summary>
public static class CsvText
{
    public const string NewLine = "\r\n";

    /// <summary>Text from outside (a dealer's value): neutralised, then quoted if it needs to be.</summary>
    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return Quote(value);
    }

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Number(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>One record: the fields (already formatted with <see cref="Text"/> or <see cref="Number(long)"/>) and CRLF.</summary>
    public static string Row(IEnumerable<string> fields) => string.Join(',', fields) + NewLine;

    private static string Quote(string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 2).Append('"');
        builder.Append(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        return builder.Append('"').ToString();
    }
}
