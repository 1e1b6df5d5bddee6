using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dms.Hub.Validation;

/// <summary>
/// Refuses JSON numbers no field can hold before anything else reads them (RELIABILITY.md D3): integers beyond 64 bits
/// (the schema validator's parser turns them into big integers it cannot compare, and throws), values beyond a double,
/// non-zero values too small for one, and more significant digits than a decimal keeps (28). Ordinary values in any
/// notation (1E+2, -0, 2.5e1) pass, and the schema judges them.
/// </summary>
public static class NumberGuard
{
    private const int MaxSignificantDigits = 28;

    public static IReadOnlyList<ValidationError> Check(string json)
    {
        var errors = new List<ValidationError>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { MaxDepth = 64, CommentHandling = JsonCommentHandling.Skip });
        var path = new List<Segment>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        path[^1] = path[^1] with { Name = reader.GetString() };
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        Advance(path);
                        path.Add(new Segment(reader.TokenType == JsonTokenType.StartArray, null, -1));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        break;
                    default:
                        Advance(path);
                        if (reader.TokenType == JsonTokenType.Number && Problem(reader.ValueSpan) is { } problem)
                        {
                            errors.Add(new ValidationError(Pointer(path), ErrorCodes.UnsupportedNumber, problem));
                        }

                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON the guard can walk (the caller parsed it already): leave it to the schema.
        }

        return errors;
    }

    private static string? Problem(ReadOnlySpan<byte> raw)
    {
        var text = Encoding.ASCII.GetString(raw);
        var isInteger = raw.IndexOfAny("."u8) < 0 && raw.IndexOfAny("eE"u8) < 0;
        if (isInteger && !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            return "The number is beyond the 64-bit integer range.";
        }

        var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(value))
        {
            return "The number is too large.";
        }

        var digits = SignificantDigits(text);
        if (value == 0 && digits > 0)
        {
            return "The number is too small to represent.";
        }

        return digits > MaxSignificantDigits ? $"The number has more than {MaxSignificantDigits} significant digits." : null;
    }

    /// <summary>Digits of the mantissa without leading or trailing zeros (0 for any form of zero).</summary>
    private static int SignificantDigits(string text)
    {
        var exponent = text.AsSpan().IndexOfAny('e', 'E');
        var mantissa = (exponent < 0 ? text : text[..exponent]).TrimStart('-').Replace(".", string.Empty, StringComparison.Ordinal);
        return mantissa.Trim('0').Length;
    }

    // Counts an array item (objects count their members by name).
    private static void Advance(List<Segment> path)
    {
        if (path.Count > 0 && path[^1].IsArray)
        {
            path[^1] = path[^1] with { Index = path[^1].Index + 1 };
        }
    }

    private static string Pointer(List<Segment> path) =>
        string.Concat(path.Select(s => "/" + (s.IsArray ? s.Index.ToString(CultureInfo.InvariantCulture) : JsonPointer.Escape(s.Name ?? string.Empty))));

    private readonly record struct Segment(bool IsArray, string? Name, int Index);
}
