using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Dms.DealerSimulator;
using Dms.Testing;

namespace Dms.Bench;

/// <summary>
/// Every acknowledged document looked up as its dealer sees it, until each has settled: accepted = delivered +
/// rejected + dead-lettered, nothing missing or still in flight — and a delivered document also where the OEM's answers
/// leave its type (<see cref="MixEntry.Settled"/>: an order at the dealer, parts shipped); and the OEM's ledger agrees:
/// each delivered message took effect exactly once, under one key, and nothing took effect that no dealer submitted.
/// </summary>
/// <param name="ByType">Accepted and settled documents per document type of the mix.</param>
internal sealed record Reconciliation(
    int Accepted, int Delivered, int Rejected, int DeadLettered, int InFlight, int Missing,
    int DeliveredMessages, long OemRequests, long OemDistinctKeys, int OemEffects, long DuplicateEffects, long OverlappingAttempts,
    int DeliveredWithoutEffect, int EffectsForUnknownDocuments, double SettleSeconds, IReadOnlyDictionary<string, string> ByType)
{
    /// <summary>
    /// Each dead-lettered document as its dealer sees it — deliveries (attempts, last error) and every timeline entry —
    /// so a run that dead-letters says why while the store still exists (at most <see cref="StoriesKept"/>).
    /// </summary>
    public IReadOnlyList<JsonObject> DeadLetterStories { get; init; } = [];

    public const int StoriesKept = 20;

    /// <summary>Nothing lost or stuck, and the OEM applied exactly the messages the hub says it delivered, once each.</summary>
    public bool Holds => Missing == 0 && InFlight == 0 && Accepted == Delivered + Rejected + DeadLettered
        && OemEffects == DeliveredMessages && DuplicateEffects == 0 && DeliveredWithoutEffect == 0 && EffectsForUnknownDocuments == 0;

    /// <param name="since">Only OEM effects from this moment on belong to the documents being reconciled (a phase of a longer run).</param>
    public static async Task<Reconciliation> RunAsync(Stack stack, IReadOnlyCollection<AcceptedDocument> accepted, IReadOnlyList<SimDealer> dealers,
        TimeSpan timeout, TextWriter progress, DateTimeOffset? since = null)
    {
        var keys = dealers.ToDictionary(d => d.Code, d => d.ApiKey, StringComparer.Ordinal);
        var states = new Dictionary<string, DocumentState>(StringComparer.Ordinal);
        var started = Stopwatch.GetTimestamp();
        var open = accepted.ToList();
        while (true)
        {
            var looked = await Task.WhenAll(open.Chunk(Math.Max(1, open.Count / 16 + 1)).Select(chunk => LookUpAsync(stack, chunk, keys)));
            foreach (var (trackingId, state) in looked.SelectMany(l => l))
            {
                states[trackingId] = state;
            }

            open = open.Where(d => states[d.TrackingId].Outcome is Outcome.InFlight).ToList();
            progress.WriteLine($"  reconciling: {accepted.Count - open.Count}/{accepted.Count} settled");
            if (open.Count == 0 || Stopwatch.GetElapsedTime(started) > timeout)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        var stats = await stack.OemStatsAsync();
        var effects = (await stack.OemEffectsAsync()).Select(e => e!.AsObject())
            .Where(e => since is null || e["at"]!.GetValue<DateTimeOffset>() >= since)
            .Select(e => (TrackingId: e["trackingId"]!.GetValue<string>(), Message: $"{e["messageType"]}|{e["contentVersion"]}")).ToList();
        var effectSet = effects.ToHashSet();
        var count = (Outcome o) => states.Values.Count(s => s.Outcome == o);
        var byType = accepted.GroupBy(d => d.DocumentType, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(
            g => g.Key, g => $"{g.Count()} accepted, {g.Count(d => states[d.TrackingId].Outcome is Outcome.Delivered or Outcome.Rejected)} settled", StringComparer.Ordinal);
        return new Reconciliation(
            accepted.Count, count(Outcome.Delivered), count(Outcome.Rejected), count(Outcome.DeadLettered), count(Outcome.InFlight), count(Outcome.Missing),
            states.Values.Sum(s => s.DeliveredMessages.Count), stats["requests"]!.GetValue<long>(), stats["distinctKeys"]!.GetValue<long>(), effects.Count,
            stats["duplicateEffects"]!.GetValue<long>(), stats["overlappingAttempts"]!.GetValue<long>(),
            states.Sum(s => s.Value.DeliveredMessages.Count(m => !effectSet.Contains((s.Key, m)))),
            effects.Count(e => !states.ContainsKey(e.TrackingId)),
            Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 1), byType)
        {
            DeadLetterStories = states.Values.Where(s => s.Outcome == Outcome.DeadLettered).Select(s => s.Story!).Take(StoriesKept).ToList(),
        };
    }

    // One lane of lookups: one connection, each request with its dealer's key.
    private static async Task<List<(string, DocumentState)>> LookUpAsync(Stack stack, IEnumerable<AcceptedDocument> documents, Dictionary<string, string> keys)
    {
        using var client = stack.Hub.Client();
        var results = new List<(string, DocumentState)>();
        foreach (var document in documents)
        {
            results.Add((document.TrackingId, await StateAsync(client, keys[document.DealerCode], document)));
        }

        return results;
    }

    private static async Task<DocumentState> StateAsync(HttpClient client, string apiKey, AcceptedDocument document)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/{Mix.Route(document.DocumentType)}/{document.TrackingId}");
                request.Headers.Add("X-Api-Key", apiKey);
                using var response = await client.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    return new DocumentState(Outcome.Missing, []);
                }

                return DocumentState.From(await response.EnsureSuccessStatusCode().ReadJsonAsync(), Mix.Get(document.DocumentType));
            }
            catch (HttpRequestException) when (attempt < 30)
            {
                await Task.Delay(1000); // the hub is restarting
            }
        }
    }

    private enum Outcome
    {
        InFlight,
        Delivered,
        Rejected,
        DeadLettered,
        Missing,
    }

    private sealed record DocumentState(Outcome Outcome, IReadOnlyList<string> DeliveredMessages, JsonObject? Story = null)
    {
        public static DocumentState From(JsonObject document, MixEntry type)
        {
            var deliveries = document["deliveries"]!.AsArray().Select(d => d!.AsObject()).ToList();
            var statuses = deliveries.Select(d => d["status"]!.GetValue<string>()).ToList();
            var delivered = deliveries.Where(d => d["status"]!.GetValue<string>() == "Delivered").Select(d => $"{d["messageType"]}|{d["contentVersion"]}").ToList();
            var outcome = statuses.Count == 0 || statuses.Contains("Pending") ? Outcome.InFlight
                : statuses.Contains("DeadLettered") ? Outcome.DeadLettered
                : statuses.Contains("Failed") ? Outcome.Rejected
                : type.Settled is { } settled && !settled(document) ? Outcome.InFlight
                : Outcome.Delivered;
            var story = outcome != Outcome.DeadLettered ? null : new JsonObject
            {
                ["trackingId"] = document["trackingId"]?.DeepClone(),
                ["documentType"] = document["documentType"]?.DeepClone(),
                ["status"] = document["status"]?.DeepClone(),
                ["deliveries"] = document["deliveries"]!.DeepClone(),
                ["timeline"] = document["timeline"]?.DeepClone(),
            };
            return new DocumentState(outcome, delivered, story);
        }
    }
}
