using System.Globalization;
using Dms.Hub.Dealers;
using Dms.Hub.Insights;

namespace Dms.Console.Internal;

/// <summary>
/// Each dealer's health from the counters: documents received and failed (failed or dead-lettered) in the last seven
/// days, the error rate, open dead letters and undelivered documents now, and the last day it sent anything (30 days).
/// Read from the dealers' health rows — one per dealer and week, every type, each metric per day — and gauges, so the
/// dealer list reads two weeks of one narrow row per dealer, not every dealer's rows of every type and day.
/// </summary>
public sealed class DealerHealthReader(CounterReader counters, Hub.Registry.DocumentTypeRegistry types, TimeProvider clock)
{
    private static readonly string[] GaugeMetrics = ["deadLettered", "undelivered", "awaitingOem"];

    public async Task<IReadOnlyDictionary<string, DealerHealth>> ReadAsync(IReadOnlyList<Dealer> dealers, CancellationToken cancellationToken)
    {
        var today = CounterGrains.Floor(clock.GetUtcNow(), CounterGrain.Day);
        var (weeks, gauges) = dealers.Count == 1
            ? await OneDealerAsync(dealers[0].Code, today, cancellationToken)
            : await ManyDealersAsync(dealers, today, cancellationToken);
        var days = weeks.GroupBy(r => r.Key.Scope.DealerCode!).ToDictionary(g => g.Key, g => Days(g), StringComparer.Ordinal);
        var gaugesByDealer = gauges.GroupBy(r => r.Key.Scope.DealerCode!).ToDictionary(g => g.Key, g => CounterReader.Sum(g), StringComparer.Ordinal);
        return dealers.ToDictionary(d => d.Code, d =>
        {
            var byDay = days.GetValueOrDefault(d.Code) ?? [];
            var recent = byDay.Where(x => x.Key >= today.AddDays(-6) && x.Key <= today).Select(x => x.Value).ToList();
            var now = gaugesByDealer.GetValueOrDefault(d.Code) ?? [];
            var lastActive = byDay.Where(x => x.Key <= today && x.Value.Received > 0).Select(x => (DateTimeOffset?)x.Key).Max();
            var daily = Enumerable.Range(0, 30).Select(i => today.AddDays(i - 29))
                .Select(day => (day, byDay.GetValueOrDefault(day).Received, byDay.GetValueOrDefault(day).Failed)).ToList();
            return new DealerHealth(recent.Sum(x => x.Received), recent.Sum(x => x.Failed), now.GetValueOrDefault("deadLettered"), now.GetValueOrDefault("undelivered"),
                now.GetValueOrDefault("awaitingOem"), lastActive, daily);
        }, StringComparer.Ordinal);
    }

    /// <summary>A dealer's health rows as days: received, and failed or dead-lettered, per UTC day.</summary>
    private static Dictionary<DateTimeOffset, (long Received, long Failed)> Days(IEnumerable<CounterRow> weeks)
    {
        var days = new Dictionary<DateTimeOffset, (long Received, long Failed)>();
        foreach (var (metric, value) in weeks.SelectMany(w => w.Values))
        {
            var at = metric.IndexOf('@', StringComparison.Ordinal);
            if (at < 0 || !DateTime.TryParseExact(metric.AsSpan(at + 1), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                continue;
            }

            var day = new DateTimeOffset(parsed, TimeSpan.Zero);
            var (received, failed) = days.GetValueOrDefault(day);
            days[day] = metric.AsSpan(0, at).SequenceEqual("received") ? (received + value, failed) : (received, failed + value);
        }

        return days;
    }

    /// <summary>
    /// The dealer list: every dealer's health rows of the weeks holding the last seven days, and of the weeks before
    /// only when some dealer was quiet all that time (its last activity is then further back); gauges, three columns.
    /// </summary>
    private async Task<(IReadOnlyList<CounterRow> Weeks, IReadOnlyList<CounterRow> Gauges)> ManyDealersAsync(IReadOnlyList<Dealer> dealers, DateTimeOffset today, CancellationToken cancellationToken)
    {
        var gauges = counters.DealerGaugesAsync(GaugeMetrics, cancellationToken);
        var recent = today.AddDays(-6);
        var weeks = await counters.DealerHealthAsync(recent, today.AddDays(1), cancellationToken);
        var active = weeks.GroupBy(w => w.Key.Scope.DealerCode!)
            .Where(g => Days(g).Any(x => x.Key >= recent && x.Key <= today && x.Value.Received > 0)).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var earlier = dealers.All(d => active.Contains(d.Code)) ? [] : await counters.DealerHealthAsync(today.AddDays(-29), CounterGrains.Floor(recent, CounterGrain.Week), cancellationToken);
        return (weeks.Concat(earlier).ToList(), await gauges);
    }

    /// <summary>One dealer's page: its own health rows of 30 days and its gauges, by point reads.</summary>
    private async Task<(IReadOnlyList<CounterRow> Weeks, IReadOnlyList<CounterRow> Gauges)> OneDealerAsync(string dealer, DateTimeOffset today, CancellationToken cancellationToken)
    {
        var scope = CounterScope.ForDealer(dealer);
        var weeks = counters.DealerHealthAsync(dealer, today.AddDays(-29), today.AddDays(1), cancellationToken);
        var gauges = await Task.WhenAll(types.All.Select(t => counters.GaugesAsync(scope, t.Name, cancellationToken)));
        return (await weeks, gauges);
    }
}

/// <param name="LastActiveDay">The last UTC day the dealer sent a document (within 30 days).</param>
public sealed record DealerHealth(long Received7d, long Failed7d, long OpenDeadLetters, long Undelivered, long AwaitingOem, DateTimeOffset? LastActiveDay,
    IReadOnlyList<(DateTimeOffset Day, long Received, long Failed)> Daily)
{
    public double? ErrorRate => Received7d == 0 ? null : (double)Failed7d / Received7d;
}
