using System.Text.Json.Nodes;
using Dms.Hub.OemCodes;
using Dms.Hub.Registry;
using Dms.Hub.Workflow;

namespace Dms.Adapters.Soap.Tests.Zeep;

/// <summary>
/// What the WSDL-driven client sends, derived from the registry and the schema examples alone, so a new document
/// type is exercised without new test code. Valid examples of all types tell one consistent story (an RDR, then
/// claims for its vehicle; orders of demo dealer D001, whose token the sample envelopes carry): each is sent with a
/// fresh number, fresh VINs and dates made current (<see cref="ExampleRewriter"/>). OEM events come from the event
/// examples — an event in the OEM's own code counts as the canonical event the hub's code table makes of it — along
/// the state machine's shortest path to where a command is allowed; the story of a type walks as far as the examples
/// go and then sends the events that change a document without moving its status (holds, ETA updates).
/// </summary>
internal sealed class ExamplePlan(DocumentTypeRegistry registry, OemCodeTranslator codes)
{
    private readonly Dictionary<string, List<(string File, JsonObject Json)>> _valid = new(StringComparer.Ordinal);
    private ExampleRewriter _rewriter = null!;

    public JsonObject Build()
    {
        var schemas = registry.All.SelectMany(t => t.Commands.Select(c => c.SchemaName).Append(t.SchemaName).Append(t.EventSchemaName)).OfType<string>().Distinct();
        _rewriter = new ExampleRewriter(schemas.SelectMany(Valid).Select(e => (JsonNode)e.Json));
        return new JsonObject { ["types"] = new JsonArray([.. registry.All.Select(Type)]) };
    }

    /// <summary>
    /// The dealer services (stock snapshots, suggestions) by operation name: request and reply elements, parameters,
    /// and the request schema's valid examples by file name and invalid ones with their expected errors.
    /// </summary>
    public static JsonObject Services(Dms.Hub.Services.DealerServices services) => new(services.All.Select(service => KeyValuePair.Create(service.Name, (JsonNode?)new JsonObject
    {
        ["body"] = Element(service.RequestSchema),
        ["reply"] = Element(service.ReplySchema),
        ["parameters"] = new JsonArray([.. service.Parameters.Select(p => (JsonNode)p.Name)]),
        ["valid"] = new JsonObject(Directory.EnumerateFiles(Folder(service.RequestSchema, "valid"), "*.json").Order(StringComparer.Ordinal)
            .Select(f => KeyValuePair.Create(System.IO.Path.GetFileNameWithoutExtension(f), JsonNode.Parse(File.ReadAllText(f))))),
        ["invalid"] = new JsonArray([.. Invalid(service.RequestSchema)]),
    })));

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
        var shared = ExampleRewriter.Vins(example).ToHashSet(StringComparer.Ordinal);
        var companions = registry.All.Where(t => t != type)
            .SelectMany(t => Valid(t.SchemaName).Where(e => ExampleRewriter.Vins(e.Json).Any(shared.Contains)).Select(e => new JsonObject { ["element"] = Element(t.SchemaName), ["payload"] = Fresh(t, e.Json, vins) }));
        return new JsonObject { ["subject"] = Fresh(type, example, vins), ["companions"] = new JsonArray([.. companions]) };
    }

    private JsonObject Command(DocumentType type, DocumentCommand command)
    {
        var vins = new Dictionary<string, string>(StringComparer.Ordinal);
        var round = Round(type, 0, vins);
        var subject = round["subject"]!.AsObject();
        var events = Path(type, subject, vins, state => type.CommandsAvailableIn(state).Contains(command))
            ?? throw new InvalidOperationException($"No path of OEM event examples leads {type.Name} to where '{command.Name}' is allowed.");
        var own = command.SchemaName == type.SchemaName;
        var bodies = Valid(command.SchemaName);
        return new JsonObject
        {
            ["operation"] = command.OperationName(type),
            ["round"] = round,
            ["events"] = new JsonArray([.. events]),
            ["bodyElement"] = Element(command.SchemaName),
            ["body"] = own ? subject.DeepClone() : _rewriter.Rewrite(bodies[0].Json, vins),
            ["conflictBody"] = own ? Other(type, type.SchemaName, subject, vins) : bodies.Count > 1 ? _rewriter.Rewrite(bodies[1].Json, vins)
                : throw new InvalidOperationException($"Give {command.SchemaName} a second valid example (the conflicting retry sends it)."),
        };
    }

    /// <summary>
    /// The OEM events of the longest walk through the type's events that the examples allow (decisions, payments,
    /// chargebacks; an order's stages), then every example event that no transition takes (holds, ETA updates), with
    /// the status the document must end in.
    /// </summary>
    private JsonObject? Story(DocumentType type)
    {
        List<(JsonObject Event, string To)> best = [];
        void Walk(string state, List<(JsonObject, string)> taken, HashSet<string> seen)
        {
            if (taken.Count > best.Count)
            {
                best = [.. taken];
            }

            foreach (var edge in EventEdges(type).Where(e => e.Transition.From == state && !seen.Contains(e.Transition.To)))
            {
                seen.Add(edge.Transition.To);
                taken.Add((edge.Event, edge.Transition.To));
                Walk(edge.Transition.To, taken, seen);
                taken.RemoveAt(taken.Count - 1);
                seen.Remove(edge.Transition.To);
            }
        }

        Walk(type.States.Initial, [], [type.States.Initial]);
        var triggers = type.States.Transitions.Select(t => t.Trigger).ToHashSet(StringComparer.Ordinal);
        var side = Events(type).Where(e => !triggers.Contains(e.Trigger)).Select(e => e.Json).ToList();
        if (best.Count == 0 && side.Count == 0)
        {
            return null;
        }

        var vins = new Dictionary<string, string>(StringComparer.Ordinal);
        return new JsonObject
        {
            ["round"] = Round(type, 0, vins),
            ["events"] = new JsonArray([.. best.Select(e => e.Event).Concat(side).Select(e => _rewriter.Rewrite(e, vins))]),
            ["status"] = best.Count == 0 ? type.States.Initial : best[^1].To,
        };
    }

    /// <summary>
    /// The shortest sequence of OEM event examples that takes <paramref name="subject"/>, fresh, to a status where
    /// <paramref name="goal"/> holds. Each step is planned by the type itself on a copy of the document, as the hub
    /// would plan it, so an event whose status follows from its data (a parts order's ship notice: partly or fully
    /// shipped) finds its place, and an event that does not fit the document (another order's lines) is not taken.
    /// </summary>
    private List<JsonObject>? Path(DocumentType type, JsonObject subject, Dictionary<string, string> vins, Func<string, bool> goal)
    {
        var events = (type.EventSchemaName is { } schema ? Valid(schema) : []).Select(e => _rewriter.Rewrite(e.Json, vins)).ToList();
        var start = new DocumentRecord
        {
            TrackingId = "PLAN", DocumentType = type.Name, DealerCode = "PLAN", DocumentNumber = "PLAN",
            Status = type.States.Initial, Body = type.Canonicalize(subject)!.Body,
        };
        var queue = new Queue<(DocumentRecord Document, List<JsonObject> Events)>([(start, [])]);
        var seen = new HashSet<string>(StringComparer.Ordinal) { start.Status };
        while (queue.TryDequeue(out var current))
        {
            if (goal(current.Document.Status))
            {
                return current.Events;
            }

            foreach (var oemEvent in events)
            {
                if (Step(type, current.Document, oemEvent) is { } next && seen.Add(next.Status))
                {
                    queue.Enqueue((next, [.. current.Events, oemEvent]));
                }
            }
        }

        return null;
    }

    /// <summary>The document after <paramref name="oemEvent"/>, when the event moves it to another status; else null.</summary>
    private DocumentRecord? Step(DocumentType type, DocumentRecord document, JsonObject oemEvent)
    {
        var translated = oemEvent.DeepClone().AsObject();
        var next = new DocumentRecord
        {
            TrackingId = document.TrackingId, DocumentType = document.DocumentType, DealerCode = document.DealerCode, DocumentNumber = document.DocumentNumber,
            Status = document.Status, Body = document.Body.DeepClone().AsObject(), Oem = document.Oem.DeepClone().AsObject(),
            SubmittedAt = document.SubmittedAt, Overlays = new(document.Overlays, StringComparer.Ordinal),
        };
        if (codes.Translate(type, translated).Count > 0 || type.PlanOemEvent(next, translated) is not { Errors.Count: 0, RecordAs: null } plan
            || !type.States.TryFire(document.Status, plan.Trigger, out var transition))
        {
            return null;
        }

        plan.Apply?.Invoke(next);
        next.Status = transition!.To;
        return next;
    }

    /// <summary>State-machine edges an OEM event example can take (its trigger is the first example of that trigger).</summary>
    private IEnumerable<(Transition Transition, JsonObject Event)> EventEdges(DocumentType type)
    {
        var events = Events(type).GroupBy(e => e.Trigger).ToDictionary(g => g.Key, g => g.First().Json);
        foreach (var transition in type.States.Transitions.OrderBy(t => t.From, StringComparer.Ordinal).ThenBy(t => t.Trigger, StringComparer.Ordinal))
        {
            if (events.TryGetValue(transition.Trigger, out var oemEvent))
            {
                yield return (transition, oemEvent);
            }
        }
    }

    /// <summary>The type's OEM event examples with their triggers: the canonical <c>type</c>, or what the hub's code table makes of an OEM code.</summary>
    private IEnumerable<(string Trigger, JsonObject Json)> Events(DocumentType type)
    {
        foreach (var (_, json) in type.EventSchemaName is { } schema ? Valid(schema) : [])
        {
            var translated = json.DeepClone().AsObject();
            if (codes.Translate(type, translated).Count == 0 && translated["type"] is JsonValue trigger)
            {
                yield return ((string)trigger!, json);
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

        // A number made of several fields (a report's period and version) is not one text to replace: take those
        // fields from the first document, one at a time, until the other document has its number.
        foreach (var (key, value) in like.ToList())
        {
            if (type.Canonicalize(fresh)?.DocumentNumber == number)
            {
                break;
            }

            fresh[key] = value?.DeepClone();
        }

        return fresh.ToJsonString() == like.ToJsonString() ? throw new InvalidOperationException($"{schema} needs two different valid examples.") : fresh;
    }

    private JsonObject Fresh(DocumentType type, JsonObject example, Dictionary<string, string> vins, string? number = null)
    {
        var copy = _rewriter.Rewrite(example, vins);
        var original = type.Canonicalize(example)!.DocumentNumber;
        foreach (var (key, value) in copy.ToList())
        {
            if (ExampleRewriter.IsText(value, original))
            {
                copy[key] = number ?? "Z" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
            }
        }

        return copy;
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
}
