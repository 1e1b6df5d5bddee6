using System.Globalization;
using System.Text.Json.Nodes;
using Dms.Hub.Validation;

namespace Dms.Adapters.Csv.Internal;

/// <summary>Cell text → JSON value by column type; a cell that cannot be read says why (code and message).</summary>
internal static class CsvCells
{
    private static readonly string[] Truthy = ["true", "yes", "y", "1"];
    private static readonly string[] Falsy = ["false", "no", "n", "0"];

    public static bool TryRead(CsvColumn column, string text, out JsonNode? value, out (string Code, string Message) error)
    {
        value = null;
        error = default;
        switch (column.Type)
        {
            case CsvCellType.WholeNumber:
                if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                {
                    var digits = text.TrimStart('-', '+');
                    error = digits.Length > 0 && digits.All(char.IsAsciiDigit)
                        ? (ErrorCodes.OutOfRange, "The number is too large.")
                        : (ErrorCodes.InvalidType, "Expected a whole number (digits only, no separators or decimals).");
                    return false;
                }

                value = number;
                return true;
            case CsvCellType.Date:
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    error = (ErrorCodes.InvalidFormat, "Expected a date (YYYY-MM-DD).");
                    return false;
                }

                value = text;
                return true;
            case CsvCellType.Boolean:
                var lower = text.ToLowerInvariant();
                if (!Truthy.Contains(lower) && !Falsy.Contains(lower))
                {
                    error = (ErrorCodes.InvalidType, "Expected true or false.");
                    return false;
                }

                value = Truthy.Contains(lower);
                return true;
            case CsvCellType.List:
                value = new JsonArray(text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
                return true;
            default:
                value = text;
                return true;
        }
    }

    /// <summary>Sets <paramref name="path"/> (a JSON Pointer of plain names) in <paramref name="target"/>, creating objects on the way.</summary>
    public static void Set(JsonObject target, string path, JsonNode? value)
    {
        var names = path.TrimStart('/').Split('/');
        var current = target;
        foreach (var name in names[..^1])
        {
            if (current[name] is not JsonObject next)
            {
                current[name] = next = [];
            }

            current = next;
        }

        current[names[^1]] = value;
    }
}
