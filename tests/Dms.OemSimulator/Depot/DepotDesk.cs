using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Dms.OemSimulator.Depot;

/// <summary>
/// The parts depot behind <c>POST /parts/orders</c>: acknowledges a new order with splits, backorders, substitutions
/// and the odd rejection; ships in two notices (east, then west depot) and fills backorders later as a tag-on; confirms
/// backorder cancellations (refuses once the backorder shipped); resolves receipt discrepancies (credit or reship).
/// A share of VOR orders is acknowledged late, so the hub's VOR alert fires in the demo.
/// </summary>
internal sealed class DepotDesk(DecisionPoster poster, IOptions<SimulatorOptions> simulator, IOptions<DepotOptions> options)
{
    private readonly ConcurrentDictionary<string, Run> _runs = new(StringComparer.Ordinal);

    public void Receive(JsonObject message, bool first)
    {
        var order = message["document"]?.AsObject();
        if (!first || !simulator.Value.PostDecisions || order is null
            || order["dealerOrderNumber"]!.GetValue<string>().StartsWith(options.Value.ManualPrefix, StringComparison.Ordinal))
        {
            return;
        }

        var trackingId = message["trackingId"]!.GetValue<string>();
        var path = $"/api/v1/oem/parts-orders/{trackingId}/events";
        switch (message["messageType"]?.GetValue<string>())
        {
            case "PartsOrderSubmitted":
                Start(trackingId, path, message["oemReference"]!.GetValue<string>(), order);
                break;
            case "PartsOrderCancelled" when _runs.TryRemove(trackingId, out var cancelled):
                cancelled.Stop.Cancel();
                cancelled.Fill.Cancel();
                break;
            case "PartsOrderBackorderCancelRequested":
                AnswerBackorderCancel(trackingId, path, message);
                break;
            case "PartsOrderDiscrepancyReported":
                Resolve(trackingId, path, message);
                break;
        }
    }

    private void Start(string trackingId, string path, string reference, JsonObject order)
    {
        var random = new Random(DepotPlan.Seed(trackingId));
        var plans = DepotPlan.Lines(order, random);
        var step = TimeSpan.FromMilliseconds(options.Value.StepMilliseconds);
        var late = order["orderType"]?.GetValue<string>() == "VOR" && random.NextDouble() < options.Value.LateVorShare;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var fillAfter = TimeSpan.FromSeconds(options.Value.BackorderFillSeconds);
        var run = new Run(new CancellationTokenSource(), new CancellationTokenSource(), DateTimeOffset.UtcNow + (late ? TimeSpan.FromSeconds(options.Value.LateAckSeconds) : step) + fillAfter);
        _runs[trackingId] = run;

        var ackAfter = late ? TimeSpan.FromSeconds(options.Value.LateAckSeconds) : step;
        var events = new List<OemEvent>();
        Add(events, ackAfter, $"{trackingId}:ack", DepotPlan.Acknowledgement(reference, plans, today, random.Next(2) == 0));
        Add(events, step, $"{trackingId}:ship:1", DepotPlan.ShipNotice($"{reference}-S1", DepotPlan.East, plans, p => p.Substituted > 0 ? (p.Substituted, p.Substitute, false) : (p.East, null, false), today));
        Add(events, step, $"{trackingId}:ship:2", DepotPlan.ShipNotice($"{reference}-S2", DepotPlan.West, plans, p => (p.West, null, false), today));
        poster.Schedule(path, run.Stop.Token, [.. events]);

        var fill = DepotPlan.ShipNotice($"{reference}-S3", DepotPlan.East, plans, p => (p.Backordered, null, true), today.AddDays(1));
        if (fill is not null)
        {
            poster.Schedule(path, run.Fill.Token, new OemEvent(events[0].After + fillAfter, $"{trackingId}:ship:3", DepotPlan.Compact(fill)));
        }
    }

    private void AnswerBackorderCancel(string trackingId, string path, JsonObject message)
    {
        var shipped = !_runs.TryGetValue(trackingId, out var run) || DateTimeOffset.UtcNow >= run.FillAt;
        run?.Fill.Cancel();
        var lines = message["command"]?["lines"]?.AsArray() ?? [];
        var answer = new JsonObject
        {
            ["type"] = shipped ? "BackorderCancelRefused" : "BackorderCancelled",
            ["backorders"] = new JsonArray([.. lines.Select(l => (JsonNode)new JsonObject { ["lineNumber"] = l!["lineNumber"]!.DeepClone(), ["quantity"] = shipped ? null : l["quantity"]!.DeepClone() })]),
            ["reasonCodes"] = shipped ? new JsonArray("ALREADY_SHIPPED") : null,
        };
        poster.Schedule(path, new OemEvent(TimeSpan.FromMilliseconds(options.Value.StepMilliseconds), $"{trackingId}:{message["messageId"]}", DepotPlan.Compact(answer)));
    }

    private void Resolve(string trackingId, string path, JsonObject message)
    {
        var step = TimeSpan.FromMilliseconds(options.Value.StepMilliseconds);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var events = new List<OemEvent>();
        foreach (var d in message["command"]?["discrepancies"]?.AsArray() ?? [])
        {
            var id = d!["discrepancyId"]!.GetValue<string>();
            var kind = d["kind"]!.GetValue<string>();
            var reship = kind is "Damaged" or "WrongPart" && DepotPlan.Seed(trackingId + id) % 2 == 0;
            var resolution = new JsonObject
            {
                ["discrepancyId"] = id,
                ["outcome"] = kind == "Over" ? "Closed" : reship ? "Reship" : "Credit",
                ["creditMemo"] = kind != "Over" && !reship ? "CM-" + id : null,
                ["promisedShipDate"] = reship ? DepotPlan.Date(today.AddDays(2)) : null,
                ["note"] = kind == "Over" ? "Keep the extra units; they are not invoiced." : null,
            };
            Add(events, step, $"{trackingId}:resolve:{id}", new JsonObject { ["type"] = "DiscrepancyResolved", ["resolution"] = resolution });
            if (reship)
            {
                var line = new JsonObject { ["lineNumber"] = d["lineNumber"]!.DeepClone(), ["quantity"] = d["quantity"]!.DeepClone() };
                Add(events, step, $"{trackingId}:reship:{id}", new JsonObject
                {
                    ["type"] = "ShipNotice",
                    ["shipNotice"] = new JsonObject { ["shipmentId"] = $"RS-{id}", ["carrier"] = "DHL", ["shipDate"] = DepotPlan.Date(today), ["lines"] = new JsonArray(line) },
                });
            }
        }

        poster.Schedule(path, [.. events]);
    }

    private static void Add(List<OemEvent> events, TimeSpan after, string key, JsonObject? body)
    {
        if (body is not null)
        {
            events.Add(new OemEvent(after, key, DepotPlan.Compact(body)));
        }
    }

    private sealed record Run(CancellationTokenSource Stop, CancellationTokenSource Fill, DateTimeOffset FillAt);
}
