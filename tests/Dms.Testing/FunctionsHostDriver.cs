using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dms.Testing.Transports;

namespace Dms.Testing;

/// <summary>
/// Plays the Azure Functions host in front of a hub running as a custom handler: takes a message from the Service
/// Bus stand-in, posts the invocation the host would (<c>POST /{FunctionName}</c>, string values JSON-encoded twice,
/// numbers as strings, MessageId and DeliveryCount in Metadata), and settles the message by the answer — completed on
/// 2xx, abandoned (delivered again) otherwise.
/// </summary>
public sealed class FunctionsHostDriver(HttpClient handler, ServiceBusFake bus, string queuePrefix = "dms-")
{
    public string Queue(string kind) => queuePrefix + kind;

    /// <summary>Delivers the next available message of a kind to its function; null when the queue has none ready.</summary>
    public async Task<HostInvocationResult?> DeliverNextAsync(string kind)
    {
        if (bus.TryLock(Queue(kind)) is not { } message)
        {
            return null;
        }

        var function = "Work" + Pascal(kind);
        var result = await InvokeAsync(function, ServiceBusPayload(function, message));
        bus.Settle(message, result.Succeeded);
        return result with { Message = message };
    }

    /// <summary>Delivers messages of the given kinds until none is ready; returns every invocation made.</summary>
    public async Task<IReadOnlyList<HostInvocationResult>> DrainAsync(params string[] kinds)
    {
        var results = new List<HostInvocationResult>();
        for (var progress = true; progress;)
        {
            progress = false;
            foreach (var kind in kinds)
            {
                if (await DeliverNextAsync(kind) is { } result)
                {
                    results.Add(result);
                    progress = true;
                }
            }
        }

        return results;
    }

    /// <summary>Hands the oldest dead-lettered message of a kind to its dead-letter function, as the host would.</summary>
    public async Task<HostInvocationResult?> DeliverDeadLetterAsync(string kind)
    {
        if (bus.DeadLetters(Queue(kind)) is not [var message, ..])
        {
            return null;
        }

        var function = "DeadLetter" + Pascal(kind);
        var properties = new JsonObject
        {
            ["DeadLetterReason"] = message.DeadLetterReason,
            ["DeadLetterErrorDescription"] = $"Message could not be consumed after {message.DeliveryCount} delivery attempts.",
        };
        var result = await InvokeAsync(function, ServiceBusPayload(function, message, properties));
        if (result.Succeeded)
        {
            bus.RemoveDeadLetter(message);
        }

        return result with { Message = message };
    }

    public Task<HostInvocationResult> InvokeTimerAsync(string function)
    {
        var now = DateTimeOffset.UtcNow;
        var timer = new JsonObject
        {
            ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
            ["ScheduleStatus"] = new JsonObject { ["Last"] = Iso(now.AddMinutes(-1)), ["Next"] = Iso(now.AddMinutes(1)), ["LastUpdated"] = Iso(now.AddMinutes(-1)) },
            ["IsPastDue"] = false,
        };
        return InvokeAsync(function, new JsonObject
        {
            ["Data"] = new JsonObject { ["timer"] = timer.ToJsonString() },
            ["Metadata"] = new JsonObject { ["sys"] = Sys(function) },
        });
    }

    public async Task<HostInvocationResult> InvokeAsync(string function, JsonNode payload) => await InvokeRawAsync(function, payload.ToJsonString());

    public async Task<HostInvocationResult> InvokeRawAsync(string function, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await handler.PostAsync("/" + function, content);
        var text = await response.Content.ReadAsStringAsync();
        var json = JsonNode.Parse(text) as JsonObject ?? throw new InvalidOperationException($"{function} answered a body that is not a JSON object: {text}");
        return new HostInvocationResult(function, response.StatusCode, json, null);
    }

    /// <summary>A Service Bus trigger invocation as the host builds it for a custom handler.</summary>
    public static JsonObject ServiceBusPayload(string function, FakeMessage message, JsonObject? applicationProperties = null) => new()
    {
        ["Data"] = new JsonObject { ["message"] = JsonSerializer.Serialize(message.Body) },
        ["Metadata"] = new JsonObject
        {
            ["MessageId"] = JsonSerializer.Serialize(message.MessageId),
            ["DeliveryCount"] = message.DeliveryCount.ToString(CultureInfo.InvariantCulture),
            ["SequenceNumber"] = message.SequenceNumber.ToString(CultureInfo.InvariantCulture),
            ["EnqueuedTimeUtc"] = JsonSerializer.Serialize(Iso(message.EnqueuedTime)),
            ["ExpiresAtUtc"] = JsonSerializer.Serialize("9999-12-31T23:59:59.9999999Z"),
            ["ContentType"] = JsonSerializer.Serialize("application/json"),
            ["Label"] = JsonSerializer.Serialize(message.Label),
            ["Subject"] = JsonSerializer.Serialize(message.Label),
            ["LockToken"] = JsonSerializer.Serialize(message.LockToken ?? Guid.Empty.ToString()),
            ["ApplicationProperties"] = applicationProperties ?? [],
            ["UserProperties"] = applicationProperties?.DeepClone() ?? new JsonObject(),
            ["MessageActions"] = new JsonObject(),
            ["sys"] = Sys(function),
        },
    };

    private static JsonObject Sys(string function) => new()
    {
        ["MethodName"] = function,
        ["UtcNow"] = Iso(DateTimeOffset.UtcNow),
        ["RandGuid"] = Guid.NewGuid().ToString(),
    };

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static string Pascal(string kind) => char.ToUpperInvariant(kind[0]) + kind[1..];
}

/// <summary>The handler's answer to one invocation (and the message it carried, if any).</summary>
public sealed record HostInvocationResult(string Function, HttpStatusCode Status, JsonObject Body, FakeMessage? Message)
{
    public bool Succeeded => (int)Status is >= 200 and < 300;

    public IReadOnlyList<string> Logs => Body[nameof(Logs)]?.AsArray().Select(l => l!.GetValue<string>()).ToList() ?? [];

    public override string ToString() => $"{Function} → {(int)Status} {string.Join(" | ", Logs)}";
}
