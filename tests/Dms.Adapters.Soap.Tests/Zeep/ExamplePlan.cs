using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dms.Hub.Registry;

namespace Dms.Adapters.Soap.Tests.Zeep;

/// <summary>
/// What the WSDL-driven client sends, derived from the registry and the schema examples alone, so a new document
/// type is exercised without new test code. Valid examples of all types tell one consistent story (an RDR, then
/// claims for its vehicle): each is sent with a fresh number, fresh VINs (the same fresh VIN wherever the examples
/// share one) and every date moved by one common shift so the latest falls on yesterday. OEM events come from the
/// event examples, along the state machine's shortest path to where a command is allowed.
/// </summary>
internal sealed partial class ExamplePlan(DocumentTypeRegistry registry)
{
    private readonly Dictionary<string, List<(string File, JsonObject Json)>> _valid = new(StringComparer.Ordinal);
    private int _shiftDays;

    public JsonObject Build()
    {
        var latest = registry.All.SelectMany(t => Valid(t.SchemaName)).SelectMany(e => Dates(e.Json)).Max();
        _shiftDays = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1).DayNumber - latest.DayNumber;
        return new JsonObject { ["types"] = new JsonArray([.. registry.All.Select(Type)]) };
    }

    private JsonObject Type(DocumentType type)
    {
        var examples = Valid(type.SchemaName);
        var rounds = examples.Select((_, i) => Round(type, i, new Dictionary<string, string>(StringComparer.Ordinal))).ToList();
        var first = rounds[0]["subject"]!.AsObject();
        return new JsonObject
        {
            ["name"] = type.Name,
            ["element"] = Element(type.SchemaName),
            ["stateElement"] = type.StateSchemaName is { } state ? Element(state) : null,
            ["events"] = type.EventSchemaName is null ? null : $"/api/v1/oem/{type.RouteSegment}/{{trackingId}}/events",
            ["rest"] = $"/api/v1/{type.RouteSegment}/{{trackingId}}",
            ["rounds"] = new JsonArray([.. rounds]),
            ["conflict"] = Other(type, type.SchemaName, first),
            ["invalid"] = new JsonArray([.. Invalid(type.SchemaName)]),
            ["story"] = Story(type),
            ["commands"] = new JsonArray([.. type.Commands.Select(c => Command(type, c))]),
        };
    }

    /// <summary>Example <paramref name="index"/> of the type, with the examples of other types that share a VIN with it.</summary>
    private JsonObject Round(DocumentType type, int index, Dictionary<string, string> vins)
    {
        var example = Valid(type.SchemaName)[index].Json;
        var shared = Vins(example).ToHashSet(StringComparer.Ordinal);
        var companions = registry.All.Where(t => t != type)
            .SelectMany(t => Valid(t.SchemaName).Where(e => Vins(e.Json).Any(shared.Contains)).Select(e => new JsonObject { ["element"] = Element(t.SchemaName), ["payload"] = Fresh(t, e.Json, vins) }));
        return new JsonObject { ["subject"] = Fresh(type, example, vins), ["companions"] = new JsonArray([.. companions]) };
    }

    private JsonObject Command(DocumentType type, DocumentCommand command)
    {
        var vins = new Dictionary<string, string>(StringComparer.Ordinal);
        var round = Round(type, 0, vins);
        var subject = round["subject"]!.AsObject();
        var events = Path(type, state => type.CommandsAvailableIn(state).Contains(command))
            ?? throw new InvalidOperationException($"No path of OEM event examples leads {type.Name} to where '{command.Name}' is allowed.");
        var own = command.SchemaName == type.SchemaName;
        var bodies = Valid(command.SchemaName);
        return new JsonObject
        {
            ["operation"] = command.OperationName(type),
            ["round"] = round,
            ["events"] = new JsonArray([.. events]),
            ["bodyElement"] = Element(command.SchemaName),
            ["body"] = own ? subject.DeepClone() : bodies[0].Json.DeepClone(),
            ["conflictBody"] = own ? Other(type, type.SchemaName, subject, vins) : bodies.Count > 1 ? bodies[1].Json.DeepClone()
                : throw new InvalidOperationException($"Give {command.SchemaName} a second valid example (the conflicting retry sends it)."),
        };
    }

    /// <summary>The OEM events of the longest walk through the type's events that the examples allow: decisions, payments, chargebacks.</summary>
    private JsonObject? Story(DocumentType type)
    {
        List<JsonObject> best = [];
        void Walk(string state, List<JsonObject> taken, HashSet<string> seen)
        {
            if (taken.Count > best.Count)
            {
                best = [.. taken];
            }

            foreach (var edge in EventEdges(type).Where(e => e.Transition.From == state && !seen.Contains(e.Transition.To)))
            {
                seen.Add(edge.Transition.To);
                taken.Add(edge.Event);
                Walk(edge.Transition.To, taken, seen);
                taken.RemoveAt(taken.Count - 1);
                seen.Remove(edge.Transition.To);
            }
        }

        Walk(type.States.Initial, [], [type.States.Initial]);
        return best.Count == 0 ? null : new JsonObject { ["round"] = Round(type, 0, new(StringComparer.Ordinal)), ["events"] = new JsonArray([.. best.Select(e => e.DeepClone())]) };
    }

    private List<JsonNode>? Path(DocumentType type, Func<string, bool> goal)
    {
        var queue = new Queue<(string State, List<JsonNode> Events)>([(type.States.Initial, [])]);
        var seen = new HashSet<string>(StringComparer.Ordinal) { type.States.Initial };
        while (queue.TryDequeue(out var current))
        {
            if (goal(current.State))
            {
                return current.Events;
            }

            foreach (var edge in EventEdges(type).Where(e => e.Transition.From == current.State && seen.Add(e.Transition.To)))
            {
                queue.Enqueue((edge.Transition.To, [.. current.Events, edge.Event.DeepClone()]));
            }
        }

        return null;
    }

    /// <summary>State-machine edges an OEM event example can take (its <c>type</c> is the trigger).</summary>
    private IEnumerable<(Transition Transition, JsonObject Event)> EventEdges(DocumentType type)
    {
        if (type.EventSchemaName is null)
        {
            yield break;
        }

        var events = Valid(type.EventSchemaName).Select(e => e.Json).Where(e => e["type"] is JsonValue).GroupBy(e => (string)e["type"]!).ToDictionary(g => g.Key, g => g.First());
        foreach (var transition in type.States.Transitions.OrderBy(t => t.From, StringComparer.Ordinal).ThenBy(t => t.Trigger, StringComparer.Ordinal))
        {
            if (events.TryGetValue(transition.Trigger, out var oemEvent))
            {
                yield return (transition, oemEvent);
            }
        }
    }

    /// <summary>Another valid example of the schema, carrying <paramref name="like"/>'s number and vehicle: the same key with other content.</summary>
    private JsonObject Other(DocumentType type, string schema, JsonObject like, Dictionary<string, string>? vins = null)
    {
        var examples = Valid(schema);
        var number = type.Canonicalize(like)!.DocumentNumber;
        var other = examples.Count > 1 ? examples[1].Json : examples[0].Json;
        var fresh = Fresh(type, other, vins ?? new(StringComparer.Ordinal), number);
        if (like["vin"] is JsonValue vin && fresh["vin"] is not null)
        {
            fresh["vin"] = vin.DeepClone();
        }

        return fresh.ToJsonString() == like.ToJsonString() ? throw new InvalidOperationException($"{schema} needs two different valid examples.") : fresh;
    }

    private JsonObject Fresh(DocumentType type, JsonObject example, Dictionary<string, string> vins, string? number = null)
    {
        var copy = example.DeepClone().AsObject();
        var original = type.Canonicalize(example)!.DocumentNumber;
        foreach (var (key, value) in copy.ToList())
        {
            if (value is JsonValue text && (string?)text == original)
            {
                copy[key] = number ?? "Z" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
            }
        }

        Rewrite(copy, vins);
        return copy;
    }

    private void Rewrite(JsonNode? node, Dictionary<string, string> vins)
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
                        obj[key] = day.AddDays(_shiftDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    }
                    else
                    {
                        Rewrite(value, vins);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Rewrite(item, vins);
                }

                break;
        }
    }

    private static IEnumerable<JsonObject> Invalid(string schema)
    {
        var folder = Folder(schema, "invalid");
        var expected = JsonNode.Parse(File.ReadAllText(System.IO.Path.Combine(folder, "expected-errors.json")))!.AsObject();
        return Directory.EnumerateFiles(folder, "*.json").Where(f => !f.EndsWith("expected-errors.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .Select(f => new JsonObject
            {
                ["file"] = System.IO.Path.GetFileName(f),
                ["payload"] = JsonNode.Parse(File.ReadAllText(f)),
                ["expected"] = expected[System.IO.Path.GetFileName(f)]?.DeepClone() ?? new JsonArray(),
            });
    }

    private List<(string File, JsonObject Json)> Valid(string schema)
    {
        if (!_valid.TryGetValue(schema, out var examples))
        {
            examples = [.. Directory.EnumerateFiles(Folder(schema, "valid"), "*.json").Order(StringComparer.Ordinal).Select(f => (f, JsonNode.Parse(File.ReadAllText(f))!.AsObject()))];
            _valid[schema] = examples;
        }

        return examples;
    }

    private static string Folder(string schema, string kind) =>
        System.IO.Path.Combine(RepoRoot.Path, "schemas", "examples", Dms.Adapters.Soap.Internal.Contract.ShapeBuilder.BaseName(schema), kind);

    private static string Element(string schema) => Dms.Adapters.Soap.Internal.Contract.ShapeBuilder.ElementName(schema);

    private static IEnumerable<string> Vins(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Key == "vin" && p.Value is JsonValue v ? [(string)v!] : Vins(p.Value)),
        JsonArray array => array.SelectMany(Vins),
        _ => [],
    };

    private static IEnumerable<DateOnly> Dates(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Value is JsonValue v && IsDate(v, out var day) ? [day] : Dates(p.Value)),
        JsonArray array => array.SelectMany(Dates),
        _ => [],
    };

    private static bool IsDate(JsonValue value, out DateOnly day)
    {
        day = default;
        return value.TryGetValue<string>(out var text) && DateForm().IsMatch(text)
            && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DateForm();
}
