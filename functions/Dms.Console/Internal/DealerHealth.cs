using Dms.Hub.Dealers;
using Dms.Hub.Insights;

namespace Dms.Console.Internal;

/// <summary>
/// Each dealer's health from the counters: documents received and failed (failed or dead-lettered) in the last seven
/// days, the error rate, open dead letters and undelivered documents now, and the last day it sent anything (30 days).
/// </summary>
public sealed class DealerHealthReader(CounterReader counters, Hub.Registry.DocumentTypeRegistry types, TimeProvider clock)
{
    public async Task<IReadOnlyDictionary<string, DealerHealth>> ReadAsync(IReadOnlyList<Dealer> dealers, CancellationToken cancellationToken)
    {
        var today = CounterGrains.Floor(clock.GetUtcNow(), CounterGrain.Day);
        var (days, gauges) = dealers.Count == 1
            ? await OneDealerAsync(dealers[0].Code, today, cancellationToken)
            : await ManyDealersAsync(dealers, today, cancellationToken);
        var byDealer = days.GroupBy(r => r.Key.Scope.DealerCode!).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var gaugesByDealer = gauges.GroupBy(r => r.Key.Scope.DealerCode!).ToDictionary(g => g.Key, g => CounterReader.Sum(g), StringComparer.Ordinal);
        return dealers.ToDictionary(d => d.Code, d =>
        {
            var rows = byDealer.GetValueOrDefault(d.Code) ?? [];
            var week = CounterReader.Sum(rows.Where(r => r.Key.Bucket >= today.AddDays(-6)));
            var now = gaugesByDealer.GetValueOrDefault(d.Code) ?? [];
            var lastActive = rows.Where(r => r.Get("received") > 0).Select(r => (DateTimeOffset?)r.Key.Bucket).Max();
            var daily = Enumerable.Range(0, 30).Select(i => today.AddDays(i - 29))
                .Select(day => (day, CounterReader.Sum(rows.Where(r => r.Key.Bucket == day)))).ToList();
            return new DealerHealth(week.GetValueOrDefault("received"), week.GetValueOrDefault("failed") + week.GetValueOrDefault("deadLettered"),
                now.GetValueOrDefault("deadLettered"), now.GetValueOrDefault("undelivered"), now.GetValueOrDefault("awaitingOem"), lastActive,
                daily.Select(x => (x.day, x.Item2.GetValueOrDefault("received"), x.Item2.GetValueOrDefault("failed") + x.Item2.GetValueOrDefault("deadLettered"))).ToList());
        }, StringComparer.Ordinal);
    }

    /// <summary>
    /// The dealer list: every dealer's rows of the week (they are stored day first, all dealers together), and the
    /// three weeks before only when some dealer was quiet all week (its last activity is then further back). Each
    /// dealer's <see cref="DealerHealth.Daily"/> then covers what was read.
    /// </summary>
    private async Task<(IReadOnlyList<CounterRow> Days, IReadOnlyList<CounterRow> Gauges)> ManyDealersAsync(IReadOnlyList<Dealer> dealers, DateTimeOffset today, CancellationToken cancellationToken)
    {
        var gauges = counters.DealerGaugesAsync(cancellationToken);
        var week = await counters.DealerDaysAsync(today.AddDays(-6), today.AddDays(1), cancellationToken);
        var active = week.Where(r => r.Get("received") > 0).Select(r => r.Key.Scope.DealerCode).ToHashSet(StringComparer.Ordinal);
        var earlier = dealers.All(d => active.Contains(d.Code)) ? [] : await counters.DealerDaysAsync(today.AddDays(-29), today.AddDays(-6), cancellationToken);
        return (week.Concat(earlier).ToList(), await gauges);
    }

    /// <summary>One dealer's page: its own rows by point reads, not every dealer's rows of the month.</summary>
    private async Task<(IReadOnlyList<CounterRow> Days, IReadOnlyList<CounterRow> Gauges)> OneDealerAsync(string dealer, DateTimeOffset today, CancellationToken cancellationToken)
    {
        var scope = CounterScope.ForDealer(dealer);
        var days = await Task.WhenAll(types.All.Select(t => counters.RowsAsync(scope, CounterGrain.Day, t.Name, today.AddDays(-29), today.AddDays(1), cancellationToken)));
        var gauges = await Task.WhenAll(types.All.Select(t => counters.GaugesAsync(scope, t.Name, cancellationToken)));
        return (days.SelectMany(d => d).ToList(), gauges);
    }
}

/// <param name="LastActiveDay">The last UTC day the dealer sent a document (within 30 days).</param>
public sealed record DealerHealth(long Received7d, long Failed7d, long OpenDeadLetters, long Undelivered, long AwaitingOem, DateTimeOffset? LastActiveDay,
    IReadOnlyList<(DateTimeOffset Day, long Received, long Failed)> Daily)
{
    public double? ErrorRate => Received7d == 0 ? null : (double)Failed7d / Received7d;
}
