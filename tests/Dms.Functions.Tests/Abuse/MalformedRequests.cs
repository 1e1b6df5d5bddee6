using System.Text;
using System.Text.Json.Nodes;

namespace Dms.Functions.Tests.Abuse;

/// <summary>One generated request: who sends it, where, with which body and content type, and which mutation made it.</summary>
public sealed record MalformedRequest(string Caller, HttpMethod Method, string Path, byte[]? Body, string? ContentType, string Mutation)
{
    public override string ToString() => $"{Mutation}: {Method} {Path}";
}

/// <summary>
/// Generates malformed requests from valid ones, deterministically (a seeded random): broken and truncated JSON,
/// invalid UTF-8, wrong types, missing and unknown fields, huge values and bodies, deep nesting, wrong roots,
/// wrong content types, and unknown document types and routes.
/// </summary>
public sealed class MalformedRequests(Random random)
{
    private static readonly string[] Mutations =
    [
        "truncated", "garbage bytes", "invalid utf-8", "wrong type", "missing field", "unknown field", "huge string",
        "huge number", "negative number", "deep nesting", "array root", "scalar root", "null root", "empty body",
        "duplicate key", "oversized body", "wrong content type", "no content type", "control characters", "null field",
        "number class", "nested field", "huge array field",
    ];

    /// <summary>
    /// Numbers a JSON parser accepts that no field expects (RELIABILITY.md D3): beyond 64 bits and beyond decimal's
    /// 28 digits, beyond double (huge and underflowing), negative zero, exponent forms of ordinary values.
    /// </summary>
    public static readonly string[] NumberClasses =
    [
        "1e400", "-1e400", "1e-400", "-0", "-0.0", "0e0", "1E+2", "2.5e1", "123456789012345678901234567890",
        "-123456789012345678901234567890", "18446744073709551616", "9223372036854775808", "-9223372036854775809",
        "79228162514264337593543950336", "0.12345678901234567890123456789012345", "1.7976931348623157e308", "4.9e-324",
    ];

    /// <summary>Each of <see cref="NumberClasses"/> in each slot of <paramref name="valid"/> (every member and array item, at any depth).</summary>
    public static IEnumerable<MalformedRequest> EveryNumberInEverySlot(string caller, string path, JsonObject valid)
    {
        foreach (var pointer in Slots(valid))
        {
            foreach (var number in NumberClasses)
            {
                yield return new MalformedRequest(caller, HttpMethod.Post, path, Utf8(WithRawValue(valid, pointer, number)), Json, $"number {number} at {pointer}");
            }
        }
    }

    /// <summary>Requests for each target in turn until <paramref name="count"/> are made.</summary>
    public IEnumerable<MalformedRequest> Generate(IReadOnlyList<(string Caller, string Path, JsonObject Valid)> targets, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var (caller, path, valid) = targets[i % targets.Count];
            yield return Mutate(caller, path, valid, Mutations[random.Next(Mutations.Length)]);
        }
    }

    /// <summary>Routes that do not exist: unknown document types, commands and verbs.</summary>
    public static IEnumerable<MalformedRequest> UnknownRoutes(string trackingId)
    {
        var body = Encoding.UTF8.GetBytes("{}");
        foreach (var path in new[]
                 {
                     "/api/v1/sales-forecasts", "/api/v1/warranty-claim", "/api/v1/vehicle-order", "/api/v1/WARRANTY-CLAIMS-X", "/api/v2/warranty-claims",
                     $"/api/v1/warranty-claims/{trackingId}/explode", $"/api/v1/retail-delivery-reports/{trackingId}/appeals",
                     "/api/v1/schemas/no-such-schema", "/api/v1/oem/sales-forecasts/x/events", "/api/v1/../../etc/passwd", "/api/v1/%2e%2e/admin",
                 })
        {
            yield return new("dealer", HttpMethod.Post, path, body, "application/json", "unknown route");
            yield return new("dealer", HttpMethod.Get, path, null, null, "unknown route");
        }

        yield return new("dealer", HttpMethod.Put, "/api/v1/warranty-claims", body, "application/json", "wrong verb");
        yield return new("dealer", HttpMethod.Delete, $"/api/v1/warranty-claims/{trackingId}", null, null, "wrong verb");
        yield return new("dealer", HttpMethod.Patch, "/api/v1/retail-delivery-reports", body, "application/json", "wrong verb");
        foreach (var query in new[] { "pageSize=-1", "pageSize=99999999999", "pageSize=abc", "from=yesterday", "to=2026-13-45", "status=%FF%FE",
                     "continuationToken=not-a-token", "continuationToken=" + new string('A', 5000), "maxItems=0" })
        {
            yield return new("dealer", HttpMethod.Get, "/api/v1/warranty-claims?" + query, null, null, "bad query");
            yield return new("dealer", HttpMethod.Get, "/api/v1/notifications?" + query, null, null, "bad query");
        }
    }

    private MalformedRequest Mutate(string caller, string path, JsonObject valid, string mutation)
    {
        var text = valid.ToJsonString();
        var (body, contentType) = mutation switch
        {
            "truncated" => (Utf8(text[..random.Next(1, text.Length - 1)]), Json),
            "garbage bytes" => (Bytes(random.Next(1, 512)), Json),
            "invalid utf-8" => ([.. Utf8("{\"x\":\""), 0xC3, 0x28, 0xFF, .. Utf8("\"}")], Json),
            "wrong type" => (Utf8(Replace(valid, WrongValue()).ToJsonString()), Json),
            "missing field" => (Utf8(Remove(valid).ToJsonString()), Json),
            "unknown field" => (Utf8(Add(valid, "x" + random.Next(1000), "surprise").ToJsonString()), Json),
            "huge string" => (Utf8(Replace(valid, JsonValue.Create(new string('Z', random.Next(10_000, 200_000)))).ToJsonString()), Json),
            "huge number" => (Utf8(Replace(valid, JsonNode.Parse("1e308")).ToJsonString().Replace("1E+308", "1e999", StringComparison.Ordinal)), Json),
            "negative number" => (Utf8(Replace(valid, JsonValue.Create(-random.Next(1, int.MaxValue))).ToJsonString()), Json),
            "deep nesting" => (Utf8(new string('[', 500) + new string(']', 500)), Json),
            "array root" => (Utf8("[" + text + "]"), Json),
            "scalar root" => (Utf8("\"" + random.Next() + "\""), Json),
            "null root" => (Utf8("null"), Json),
            "empty body" => ([], Json),
            "duplicate key" => (Utf8(text.Insert(1, "\"dup\":1,\"dup\":2,")), Json),
            "oversized body" => (Utf8(Add(valid, "padding", new string('p', 300 * 1024)).ToJsonString()), Json),
            "wrong content type" => (Utf8(text), new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16" }[random.Next(5)]),
            "no content type" => (Utf8(text), null),
            "control characters" => (Utf8(Replace(valid, JsonValue.Create("\u0000\u0007\u001b[31m\u2028")).ToJsonString()), Json),
            "null field" => (Utf8(Replace(valid, null).ToJsonString()), Json),
            "number class" => (Utf8(WithRawValue(valid, RandomSlot(valid), NumberClasses[random.Next(NumberClasses.Length)])), Json),
            "nested field" => (Utf8(WithRawValue(valid, RandomSlot(valid), new string('[', 40) + new string(']', 40))), Json),
            "huge array field" => (Utf8(WithRawValue(valid, RandomSlot(valid), "[" + string.Join(',', Enumerable.Repeat("1e999", random.Next(1_000, 20_000))) + "]")), Json),
            _ => throw new ArgumentOutOfRangeException(nameof(mutation), mutation, null),
        };
        return new MalformedRequest(caller, HttpMethod.Post, path, body, contentType, mutation);
    }

    private const string Json = "application/json";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private JsonNode? WrongValue() => random.Next(5) switch
    {
        0 => JsonValue.Create(random.Next()),
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => new JsonArray(1, "two", null),
        3 => new JsonObject { ["nested"] = "object" },
        _ => JsonValue.Create("not-the-right-shape"),
    };

    /// <summary>A copy with one randomly chosen value (at any depth) replaced.</summary>
    private JsonObject Replace(JsonObject valid, JsonNode? value)
    {
        var copy = valid.DeepClone().AsObject();
        var (parent, key) = PickSlot(copy);
        parent[key] = value;
        return copy;
    }

    /// <summary>JSON Pointers of every member and array item of <paramref name="root"/>, at any depth.</summary>
    private static List<string> Slots(JsonObject root)
    {
        var slots = new List<string>();
        void Walk(JsonNode? node, string pointer)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, child) in obj)
                    {
                        slots.Add(pointer + "/" + key);
                        Walk(child, pointer + "/" + key);
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        slots.Add(pointer + "/" + i);
                        Walk(array[i], pointer + "/" + i);
                    }

                    break;
            }
        }

        Walk(root, "");
        return slots;
    }

    private string RandomSlot(JsonObject valid)
    {
        var slots = Slots(valid);
        return slots[random.Next(slots.Count)];
    }

    /// <summary>
    /// The document's text with the value at <paramref name="pointer"/> replaced by raw JSON text — which may be a
    /// number no JsonNode can hold (1e400), so the value goes in as text after serializing.
    /// </summary>
    private static string WithRawValue(JsonObject valid, string pointer, string rawJson)
    {
        const string Marker = "\u0001raw\u0001";
        var copy = valid.DeepClone().AsObject();
        var segments = pointer.Split('/')[1..];
        JsonNode parent = copy;
        foreach (var segment in segments[..^1])
        {
            parent = parent is JsonArray array ? array[int.Parse(segment, System.Globalization.CultureInfo.InvariantCulture)]! : parent[segment]!;
        }

        if (parent is JsonArray items)
        {
            items[int.Parse(segments[^1], System.Globalization.CultureInfo.InvariantCulture)] = Marker;
        }
        else
        {
            parent[segments[^1]] = Marker;
        }

        return copy.ToJsonString().Replace(JsonValue.Create(Marker).ToJsonString(), rawJson, StringComparison.Ordinal);
    }

    private JsonObject Remove(JsonObject valid)
    {
        var copy = valid.DeepClone().AsObject();
        var (parent, key) = PickSlot(copy);
        parent.Remove(key);
        return copy;
    }

    private static JsonObject Add(JsonObject valid, string key, JsonNode? value)
    {
        var copy = valid.DeepClone().AsObject();
        copy[key] = value;
        return copy;
    }

    private (JsonObject Parent, string Key) PickSlot(JsonObject root)
    {
        var slots = new List<(JsonObject, string)>();
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, child) in obj.ToList())
                    {
                        slots.Add((obj, key));
                        Walk(child);
                    }

                    break;
                case JsonArray array:
                    foreach (var child in array)
                    {
                        Walk(child);
                    }

                    break;
            }
        }

        Walk(root);
        return slots[random.Next(slots.Count)];
    }
}
