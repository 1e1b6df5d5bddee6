using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Dms.Adapters.Soap.Tests.Zeep;

/// <summary>
/// Makes schema examples sendable today, keeping the story they tell: every VIN becomes a fresh one (the same fresh
/// VIN wherever the examples share one), dates in the past move by one common shift so the latest of them falls on
/// yesterday (a repair closed, a vehicle delivered), and dates from today on — what the examples promise, such as a
/// requested delivery window — stay as written. Both keep their order, so no window turns round.
/// </summary>
internal sealed partial class ExampleRewriter
{
    private readonly DateOnly _today = DateOnly.FromDateTime(DateTime.UtcNow);
    private readonly int _shiftDays;

    public ExampleRewriter(IEnumerable<JsonNode> examples)
    {
        var past = examples.SelectMany(Dates).Where(d => d < _today).DefaultIfEmpty(_today.AddDays(-1)).Max();
        _shiftDays = _today.AddDays(-1).DayNumber - past.DayNumber;
    }

    /// <summary>A copy of <paramref name="example"/> with fresh VINs (remembered in <paramref name="vins"/>) and dates moved.</summary>
    public JsonObject Rewrite(JsonObject example, Dictionary<string, string> vins)
    {
        var copy = example.DeepClone().AsObject();
        Visit(copy, vins);
        return copy;
    }

    public static IEnumerable<string> Vins(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Key == "vin" && p.Value is JsonValue v ? [(string)v!] : Vins(p.Value)),
        JsonArray array => array.SelectMany(Vins),
        _ => [],
    };

    /// <summary>Whether <paramref name="node"/> is the string <paramref name="text"/> (numbers and flags never are).</summary>
    public static bool IsText(JsonNode? node, string text) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() == text;

    private void Visit(JsonNode? node, Dictionary<string, string> vins)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (key == "vin" && value is JsonValue vin)
                    {
                        var text = (string)vin!;
                        obj[key] = vins.TryGetValue(text, out var fresh) ? fresh : vins[text] = TestDocuments.NewVin();
                    }
                    else if (value is JsonValue date && IsDate(date, out var day))
                    {
                        obj[key] = (day < _today ? day.AddDays(_shiftDays) : day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    }
                    else
                    {
                        Visit(value, vins);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Visit(item, vins);
                }

                break;
        }
    }

    private static IEnumerable<DateOnly> Dates(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Value is JsonValue v && IsDate(v, out var day) ? [day] : Dates(p.Value)),
        JsonArray array => array.SelectMany(Dates),
        _ => [],
    };

    private static bool IsDate(JsonValue value, out DateOnly day)
    {
        day = default;
        return value.GetValueKind() == JsonValueKind.String && DateForm().IsMatch(value.GetValue<string>())
            && DateOnly.TryParseExact(value.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DateForm();
}
