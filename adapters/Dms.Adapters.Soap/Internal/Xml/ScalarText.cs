using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml;
using Dms.Adapters.Soap.Internal.Contract;
using Dms.Hub.Validation;

namespace Dms.Adapters.Soap.Internal.Xml;

/// <summary>XSD lexical forms to JSON values and back.</summary>
internal static partial class ScalarText
{
    /// <summary>The JSON value of an element's text, or null when the text is not of the kind.</summary>
    public static JsonNode? Parse(string text, ScalarKind kind)
    {
        var trimmed = text.Trim();
        switch (kind)
        {
            case ScalarKind.Integer:
                return long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) ? JsonValue.Create(integer) : null;
            case ScalarKind.Decimal:
                // xs:decimal has no exponent; trailing zeros are dropped so 1.50 and 1.5 are the same document.
                return DecimalForm().IsMatch(trimmed) && decimal.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                    ? JsonValue.Create(decimal.Parse(number.ToString("0.############################", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture))
                    : null;
            case ScalarKind.Boolean:
                return trimmed switch { "true" or "1" => JsonValue.Create(true), "false" or "0" => JsonValue.Create(false), _ => null };
            case ScalarKind.Date:
                // An xs:date may carry a zone; the documents' dates are calendar days, so it is dropped.
                return JsonValue.Create(DateWithZone().IsMatch(trimmed) ? trimmed[..10] : trimmed);
            case ScalarKind.DateTime:
                return DateTime(trimmed) is { } time ? JsonValue.Create(time) : JsonValue.Create(trimmed);
            default:
                return JsonValue.Create(text);
        }
    }

    /// <summary>An xs:dateTime as a UTC timestamp; without a zone it is taken as UTC.</summary>
    public static string? DateTime(string text) => TryDateTime(text, out var time) ? Format(time) : null;

    public static bool TryDateTime(string text, out DateTimeOffset time)
    {
        time = default;
        if (!DateTimeForm().IsMatch(text))
        {
            return false;
        }

        try
        {
            time = XmlConvert.ToDateTimeOffset(ZoneSuffix().IsMatch(text) ? text : text + "Z");
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>A number too large for its type is out of range; anything else is the wrong type.</summary>
    public static string ErrorCode(string text, ScalarKind kind) => kind switch
    {
        ScalarKind.Integer when IntegerForm().IsMatch(text.Trim()) => ErrorCodes.OutOfRange,
        ScalarKind.Decimal when DecimalForm().IsMatch(text.Trim()) => ErrorCodes.OutOfRange,
        _ => ErrorCodes.InvalidType,
    };

    public static string Expected(ScalarKind kind) => kind switch
    {
        ScalarKind.Integer => "Expected an integer (xs:long range).",
        ScalarKind.Decimal => "Expected a decimal number such as 1.5 (no exponent, at most 28 digits).",
        ScalarKind.Boolean => "Expected true or false.",
        _ => "The value could not be read.",
    };

    [GeneratedRegex(@"^[+-]?(\d+(\.\d*)?|\.\d+)$")]
    private static partial Regex DecimalForm();

    [GeneratedRegex(@"^[+-]?\d+$")]
    private static partial Regex IntegerForm();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$")]
    private static partial Regex DateWithZone();

    [GeneratedRegex(@"^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")]
    private static partial Regex DateTimeForm();

    [GeneratedRegex(@"(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex ZoneSuffix();
}
