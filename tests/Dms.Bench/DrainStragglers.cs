using System.Text.Json.Nodes;
using Dms.DealerSimulator;
using Dms.Testing;

namespace Dms.Bench;

/// <summary>
/// The last deliveries of a drain and why they came last: for each, when the OEM applied it (seconds after it came
/// back), its destination, and its document's delivery history as the dealer sees it (attempts, failures, deferrals).
/// A drain's rate is set by its slowest items, so these say what paces its tail.
/// </summary>
internal static class DrainStragglers
{
    public static async Task<IReadOnlyList<string>> DescribeAsync(Stack stack, DateTimeOffset up, IReadOnlyCollection<AcceptedDocument> accepted, IReadOnlyList<SimDealer> dealers, int count)
    {
        var byId = accepted.ToDictionary(d => d.TrackingId, StringComparer.Ordinal);
        var keys = dealers.ToDictionary(d => d.Code, d => d.ApiKey, StringComparer.Ordinal);
        var last = (await stack.OemEffectsAsync()).Select(e => e!.AsObject())
            .Where(e => e["at"]!.GetValue<DateTimeOffset>() >= up && byId.ContainsKey(e["trackingId"]!.GetValue<string>()))
            .OrderByDescending(e => e["at"]!.GetValue<DateTimeOffset>()).Take(count).ToList();
        using var client = stack.Hub.Client();
        var lines = new List<string>();
        foreach (var effect in last)
        {
            var document = byId[effect["trackingId"]!.GetValue<string>()];
            var at = (effect["at"]!.GetValue<DateTimeOffset>() - up).TotalSeconds;
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/{Mix.Route(document.DocumentType)}/{document.TrackingId}");
            request.Headers.Add("X-Api-Key", keys[document.DealerCode]);
            using var response = await client.SendAsync(request);
            var history = response.IsSuccessStatusCode ? History(await response.ReadJsonAsync(), up) : $"HTTP {(int)response.StatusCode}";
            lines.Add($"{at:F1} s {effect["destination"]} {document.DocumentType} {document.TrackingId}: {history}");
        }

        return lines;
    }

    // The timeline's delivery entries, each with its time relative to the OEM's return.
    private static string History(JsonObject document, DateTimeOffset up) => string.Join("; ", document["timeline"]!.AsArray().Select(e => e!.AsObject())
        .Where(e => e["event"]?.GetValue<string>() is { } name && name.StartsWith("Deliver", StringComparison.Ordinal))
        .Select(e =>
        {
            var details = e["details"] as JsonObject;
            var at = (e["at"]!.GetValue<DateTimeOffset>() - up).TotalSeconds;
            return $"{e["event"]} {at:F1} s attempt {details?["attempt"]}{(details?["nextAttemptAt"] is { } next ? $" next {(next.GetValue<DateTimeOffset>() - up).TotalSeconds:F1} s" : "")}{(details?["error"] is { } error ? $" ({error})" : "")}";
        }));
}
