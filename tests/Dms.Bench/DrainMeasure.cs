using System.Text.Json.Nodes;

namespace Dms.Bench;

/// <summary>
/// An outage's drain read from the OEM's ledger: the documents accepted before the OEM came back and not yet in effect
/// there are the backlog; the drain ends when the last of them has taken effect. Two rates, because documents keep
/// arriving during a drain (A4's steady load): the backlog ÷ the drain time (how fast what waited is cleared), and
/// every delivery the hub made in that time ÷ the drain time (its throughput, arrivals' deliveries included).
/// </summary>
internal sealed record DrainMeasure(
    int Backlog, int Delivered, double FirstDeliverySeconds, double DrainSeconds, double BacklogPerSecond,
    int DeliveriesDuringDrain, int ArrivalsDeliveredDuringDrain, double DeliveriesPerSecond, IReadOnlyList<int> DeliveriesPer10Seconds)
{
    /// <summary>
    /// From the ledger's effects (tracking ID and time, each message's first effect) and the documents accepted before
    /// <paramref name="recoveredAt"/>; null when nothing was waiting.
    /// </summary>
    public static DrainMeasure? From(JsonArray effects, IReadOnlySet<string> acceptedBefore, DateTimeOffset recoveredAt)
    {
        // A document's delivery is its first effect; later effects of one document (a cancellation after a claim) are
        // separate messages and count as deliveries of their own in the throughput.
        var all = effects.Select(e => (TrackingId: e!["trackingId"]!.GetValue<string>(), At: e["at"]!.GetValue<DateTimeOffset>())).ToList();
        var firstEffect = all.GroupBy(e => e.TrackingId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(e => e.At), StringComparer.Ordinal);
        var backlog = acceptedBefore.Where(id => !firstEffect.TryGetValue(id, out var at) || at >= recoveredAt).ToList();
        if (backlog.Count == 0)
        {
            return null;
        }

        var delivered = backlog.Where(firstEffect.ContainsKey).Select(id => firstEffect[id]).ToList();
        var end = delivered.Count > 0 ? delivered.Max() : recoveredAt;
        var seconds = Math.Max(0.001, (end - recoveredAt).TotalSeconds);
        var during = all.Where(e => e.At >= recoveredAt && e.At <= end).ToList();
        var arrivals = during.Count(e => !acceptedBefore.Contains(e.TrackingId));
        var first = during.Count > 0 ? (during.Min(e => e.At) - recoveredAt).TotalSeconds : -1;
        var buckets = new int[(int)Math.Ceiling(seconds / 10)];
        foreach (var e in during)
        {
            buckets[Math.Min(buckets.Length - 1, (int)((e.At - recoveredAt).TotalSeconds / 10))]++;
        }

        return new DrainMeasure(backlog.Count, delivered.Count, Math.Round(first, 1), Math.Round(seconds, 1), Math.Round(delivered.Count / seconds, 1),
            during.Count, arrivals, Math.Round(during.Count / seconds, 1), buckets);
    }

    /// <summary>Whether every backlog document has taken effect.</summary>
    public bool Complete => Delivered == Backlog;
}
