using Dms.Hub.Registry;

namespace Dms.Hub.Insights;

/// <summary>
/// The overview: per document type the flow of a period against the one before (received, delivered, rejected,
/// failed, dead-lettered), where documents stand now (awaiting the OEM, acknowledgement overdue, undelivered and the
/// oldest of them), documents per bucket by outcome, and acknowledgement latency by channel.
/// </summary>
public sealed class Overview(CounterReader counters, IOpenSetStore open, DocumentTypeRegistry types, TimeProvider clock)
{
    public static readonly string[] FlowMetrics = ["received", "delivered", "rejected", "failed", "deadLettered"];
    public static readonly string[] Outcomes = ["delivered", "rejected", "failed", "deadLettered"];
    private const int MaxOpenRows = 10_000;

    public async Task<OverviewModel> BuildAsync(ViewScope scope, Window window, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (start, end) = window.Current(now);
        var (previousStart, _) = window.Previous(now);
        var counterScope = scope.CounterScope;
        var overdueTask = open.ReadAsync(OpenEntry.AwaitingAck, null, OpenSets.Time(now), MaxOpenRows, new OpenFilter(scope.Region), cancellationToken);
        var undeliveredTask = open.ReadAsync(OpenEntry.Undelivered, null, null, MaxOpenRows, new OpenFilter(scope.Region), cancellationToken);
        // Every type's rows in one query (each range query costs Azurite a scan of the counter table), gauges by point reads.
        var allRows = counters.RowsAsync(counterScope, window.ChartGrain == CounterGrain.Day ? CounterGrain.Day : CounterGrain.Hour, types.All.Select(t => t.Name).ToList(), previousStart, end, null, cancellationToken);
        var allGauges = await Task.WhenAll(types.All.Select(t => counters.GaugesAsync(counterScope, t.Name, cancellationToken)));
        var byType = (await allRows).ToLookup(r => r.Key.DocumentType, StringComparer.Ordinal);
        var perType = types.All.Select((type, i) => (Type: type, Rows: byType[type.Name].ToList(), Gauges: allGauges[i])).ToList();
        var overdue = (await overdueTask).Where(e => scope.Covers(e.Data.GetValueOrDefault("region"))).ToList();
        var undelivered = (await undeliveredTask).Where(e => scope.Covers(e.Data.GetValueOrDefault("region"))).ToList();

        var figures = perType.Select(t =>
        {
            var current = CounterReader.Sum(t.Rows.Where(r => r.Key.Bucket >= start));
            var previous = CounterReader.Sum(t.Rows.Where(r => r.Key.Bucket < start));
            var oldest = undelivered.Where(e => e.Data.GetValueOrDefault("type") == t.Type.Name).Select(e => Parse(e.SortKey)).DefaultIfEmpty().Min();
            return new TypeFigures(t.Type.Name, t.Type.Title,
                FlowMetrics.ToDictionary(m => m, m => new PeriodChange(current.GetValueOrDefault(m), previous.GetValueOrDefault(m)), StringComparer.Ordinal),
                t.Gauges.Get("awaitingOem"), overdue.Count(e => e.Data.GetValueOrDefault("type") == t.Type.Name), t.Gauges.Get("undelivered"),
                t.Gauges.Get("deadLettered"), oldest == default ? null : oldest, t.Gauges.Values);
        }).ToList();

        var chart = Chart(perType.SelectMany(t => t.Rows).Where(r => r.Key.Bucket >= start), window, start, end);
        var latency = Latency(CounterReader.Sum(perType.SelectMany(t => t.Rows).Where(r => r.Key.Bucket >= start)));
        return new OverviewModel(window, start, end, previousStart, now, await counters.AsOfAsync(cancellationToken), figures, chart, latency,
            overdue.Count >= MaxOpenRows || undelivered.Count >= MaxOpenRows);
    }

    private static List<ChartBucket> Chart(IEnumerable<CounterRow> rows, Window window, DateTimeOffset start, DateTimeOffset end)
    {
        var byBucket = rows.GroupBy(r => r.Key.Bucket).ToDictionary(g => g.Key, g => CounterReader.Sum(g));
        var step = CounterGrains.Length(window.ChartGrain);
        var buckets = new List<ChartBucket>();
        for (var at = start; at < end; at += step)
        {
            var sums = byBucket.GetValueOrDefault(at) ?? [];
            buckets.Add(new ChartBucket(at, sums.GetValueOrDefault("received"), Outcomes.ToDictionary(o => o, o => sums.GetValueOrDefault(o), StringComparer.Ordinal)));
        }

        return buckets;
    }

    private static List<ChannelLatency> Latency(IReadOnlyDictionary<string, long> sums)
    {
        var channels = sums.Keys.Where(k => k.StartsWith("ack.", StringComparison.Ordinal) && k.Count(c => c == '.') == 2)
            .Select(k => k.Split('.')[1]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return channels.Select(channel =>
        {
            var histogram = Enumerable.Range(0, LatencyBuckets.Count).Select(i => sums.GetValueOrDefault($"ack.{channel}.{LatencyBuckets.Name(i)}")).ToList();
            return new ChannelLatency(channel, histogram.Sum(), histogram,
                LatencyBuckets.QuantileBucket(histogram, 0.5), LatencyBuckets.QuantileBucket(histogram, 0.9), LatencyBuckets.QuantileBucket(histogram, 0.99));
        }).ToList();
    }

    private static DateTimeOffset Parse(string sortKey) =>
        DateTimeOffset.Parse(sortKey, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
}

public sealed record PeriodChange(long Current, long Previous);

/// <param name="AckOverdue">Awaiting the OEM past the type's configured answer time.</param>
/// <param name="OldestUndelivered">Since when the oldest undelivered document has waited (backlog age).</param>
/// <param name="Now">Every gauge of the type (its own too: VOR orders without acknowledgement ...).</param>
public sealed record TypeFigures(string DocumentType, string Title, IReadOnlyDictionary<string, PeriodChange> Flow, long AwaitingOem, long AckOverdue, long Undelivered, long DeadLettered, DateTimeOffset? OldestUndelivered, IReadOnlyDictionary<string, long> Now);

public sealed record ChartBucket(DateTimeOffset At, long Received, IReadOnlyDictionary<string, long> Outcomes);

/// <summary>Percentiles as histogram bucket indexes (see <see cref="LatencyBuckets"/>); -1 when nothing was acknowledged.</summary>
public sealed record ChannelLatency(string Channel, long Count, IReadOnlyList<long> Histogram, int P50, int P90, int P99);

/// <param name="AsOf">When the counters last caught up with every change; flows are exact up to then.</param>
/// <param name="OpenSetsCapped">More open entries exist than were read: the open-set numbers are lower bounds.</param>
public sealed record OverviewModel(
    Window Window, DateTimeOffset Start, DateTimeOffset End, DateTimeOffset PreviousStart, DateTimeOffset Now, DateTimeOffset? AsOf,
    IReadOnlyList<TypeFigures> Types, IReadOnlyList<ChartBucket> Chart, IReadOnlyList<ChannelLatency> Latency, bool OpenSetsCapped);
