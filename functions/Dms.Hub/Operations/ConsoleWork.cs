using Dms.Hub.Insights;
using Dms.Hub.Operations.Alerts;
using Dms.Hub.Operations.Replays;

namespace Dms.Hub.Operations;

/// <summary>
/// The console's background work in one run, for the Functions host's timer (the standalone process runs each part on
/// its own loop): catch the read model up with the documents, evaluate the technical alerts, work on replay jobs.
/// </summary>
public sealed class ConsoleWork(InsightsProjector projector, TechnicalAlerts alerts, ReplayJobRunner replays, TimeProvider clock)
{
    public async Task<string> RunAsync(TimeSpan budget, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow();
        var projected = await projector.DrainAsync(budget / 3, cancellationToken);
        await alerts.EvaluateAsync(cancellationToken);
        var left = budget - (clock.GetUtcNow() - started);
        var replayed = left > TimeSpan.Zero ? await replays.RunAsync(left, cancellationToken) : 0;
        return $"Projected {projected} changed document(s), evaluated the technical alerts, settled {replayed} replay item(s).";
    }
}
