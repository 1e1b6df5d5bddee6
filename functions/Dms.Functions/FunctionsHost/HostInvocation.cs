using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dms.Functions.FunctionsHost;

/// <summary>
/// A trigger invocation as the Functions host posts it to a custom handler: <c>{"Data":{binding:value},
/// "Metadata":{name:value}}</c>. The host encodes string values as JSON a second time (a message body arrives as a
/// JSON string holding a JSON string) and numbers as strings; <see cref="Unwrap"/> undoes exactly that.
/// </summary>
internal sealed class HostInvocation
{
    private const int MaxBytes = 1024 * 1024;
    private readonly JsonObject _data;
    private readonly JsonObject _metadata;

    private HostInvocation(JsonObject data, JsonObject metadata) => (_data, _metadata) = (data, metadata);

    /// <summary>Reads the request body; null when it is not shaped like a host invocation.</summary>
    public static async Task<HostInvocation?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxBytes)
        {
            return null;
        }

        try
        {
            var root = JsonNode.Parse(buffer.ToArray(), documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
            return root is JsonObject { } body && body["Data"] is JsonObject data && body["Metadata"] is null or JsonObject
                ? new HostInvocation(data, body["Metadata"] as JsonObject ?? [])
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>An input binding's value, decoded.</summary>
    public JsonNode? Data(string binding) => Unwrap(_data[binding]);

    /// <summary>A trigger metadata value as text (also when the host sent a number or a twice-encoded string).</summary>
    public string? Text(string name) => AsText(Unwrap(_metadata[name]));

    public int? Number(string name) => int.TryParse(Text(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A Service Bus application property (the broker puts DeadLetterReason there), or a top-level value of that name.</summary>
    public string? Property(string name) =>
        (Unwrap(_metadata["ApplicationProperties"]) ?? Unwrap(_metadata["UserProperties"])) is JsonObject properties && AsText(Unwrap(properties[name])) is { } value
            ? value
            : Text(name);

    /// <summary>Peels JSON that is carried inside JSON strings (at most three layers), leaving plain text as it is.</summary>
    public static JsonNode? Unwrap(JsonNode? node)
    {
        for (var layer = 0; layer < 3 && node is JsonValue value && value.TryGetValue<string>(out var text); layer++)
        {
            var start = text.AsSpan().TrimStart();
            if (start.IsEmpty || start[0] is not ('"' or '{' or '['))
            {
                break;
            }

            try
            {
                node = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                break;
            }
        }

        return node;
    }

    private static string? AsText(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value => value.ToJsonString(),
        _ => null,
    };
}
