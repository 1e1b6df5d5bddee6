using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Insights;

/// <summary>
/// Keeps the console's read model (listing, search index, counters, open sets) in step with the documents. One
/// process at a time holds the projector lease; it takes the documents it was nudged about, and every
/// <see cref="InsightsOptions.SweepSeconds"/> scans the change feed for the rest. Run by the local loop, or by a
/// timer function in Azure.
/// </summary>
public sealed partial class InsightsProjector(
    IChangeFeed feed,
    ChangeSignal signal,
    FactsSource source,
    ProjectionWriter writer,
    ICounterStore counters,
    ListedFacts listed,
    IOptionsMonitor<InsightsOptions> options,
    TimeProvider clock,
    Operations.StorageTraffic traffic,
    Rebuild.ReadModelUpkeep upkeep,
    ILogger<InsightsProjector> logger)
{
    public const string LeaseName = "projector";

    /// <summary>Storage round trips of projecting changed documents, counted per document and type (<see cref="Operations.StorageTraffic"/>).</summary>
    public const string ProjectStep = "insights:project";

    /// <summary>A cycle's own round trips (its lease, the periodic scan of the change feed), counted per cycle.</summary>
    public const string CycleStep = "insights:cycle";
    private readonly string _owner = Environment.MachineName + "/" + Guid.NewGuid().ToString("N")[..8];
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    // When this projector last wrote its lease.
    private DateTimeOffset _renewedAt = DateTimeOffset.MinValue;

    /// <summary>One cycle: how many changed documents it took (<see cref="ProjectorCycle.Leased"/> false: another process projects).</summary>
    /// <param name="sweep">Scan the change feed now, whenever the last scan was.</param>
    public async Task<ProjectorCycle> RunOnceAsync(bool sweep, CancellationToken cancellationToken)
    {
        // A read model in an older layout is rebuilt before anything is projected into it (once per process).
        await upkeep.EnsureCurrentAsync(cancellationToken);
        var settings = options.CurrentValue;
        var started = clock.GetUtcNow();
        using var step = traffic.Step("-", CycleStep);
        var lease = TimeSpan.FromSeconds(settings.LeaseSeconds);

        // Renewed less than a quarter of its term ago, the lease is surely still this projector's: cycles a few hundred
        // milliseconds apart do not each pay a write for it.
        if (started >= _renewedAt + (lease / 4) || started < _renewedAt)
        {
            var outcome = await counters.TryLeaseAsync(LeaseName, _owner, started, lease, cancellationToken);
            if (outcome == LeaseOutcome.Refused)
            {
                // Another process projects (it finds these documents by its scan): nothing is kept for them here.
                signal.Drain(int.MaxValue);
                listed.Forget();
                _renewedAt = DateTimeOffset.MinValue;
                return new ProjectorCycle(false, 0, 0);
            }

            // Renewed under the ETag it last wrote, the lease was held without a break however long the last cycle took:
            // nobody else listed anything meanwhile, so what this projector listed is still what storage holds.
            if (outcome != LeaseOutcome.Renewed || !listed.Trusted)
            {
                listed.Start(started);
            }

            _renewedAt = started;
        }

        try
        {
            return await ProjectCycleAsync(settings, started, sweep, cancellationToken);
        }
        catch
        {
            // The listing rows a failed cycle may have written are marked by the writer; the rest stays trusted if the
            // lease turns out renewed without a break (written again next cycle).
            _renewedAt = DateTimeOffset.MinValue;
            throw;
        }
    }

    private async Task<ProjectorCycle> ProjectCycleAsync(InsightsOptions settings, DateTimeOffset started, bool sweep, CancellationToken cancellationToken)
    {
        var markers = await NudgedAsync(settings.BatchSize, cancellationToken);
        var scanned = sweep || started >= _nextSweep;
        var caughtUp = false;
        if (scanned)
        {
            var scanning = clock.GetUtcNow();
            var found = await feed.ScanAsync(settings.BatchSize, cancellationToken);

            // A long scan (Azurite scans the whole documents table for it) comes round less often.
            _nextSweep = started + Work.SweepPacing.Next(TimeSpan.FromSeconds(settings.SweepSeconds), clock.GetUtcNow() - scanning);
            caughtUp = found.Count < settings.BatchSize;

            // A document whose burst of changes is still going on is left to its nudge: projected once, when it is over.
            var taken = markers.Select(m => m.Marker.TrackingId).ToHashSet(StringComparer.Ordinal);
            markers.AddRange(found.Where(m => !taken.Contains(m.TrackingId) && !signal.IsWaiting(m.TrackingId)).Select(m => (m, (byte[]?)null)));
        }

        var projected = markers.Count == 0 ? 0 : await ProjectAsync(markers, cancellationToken);
        if (caughtUp)
        {
            // Changes still waiting for their burst to end are not reflected yet: the read model is as of the first of them.
            var waitingSince = signal.Next()?.OldestChange;
            await counters.SetWatermarkAsync(waitingSince is { } oldest && oldest < started ? oldest : started, cancellationToken);
        }

        return new ProjectorCycle(true, markers.Count, projected);
    }

    /// <summary>Cycles until nothing is waiting (or <paramref name="budget"/> is spent): the timer function's run.</summary>
    public async Task<int> DrainAsync(TimeSpan budget, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + budget;
        var total = 0;
        var sweep = true;
        while (clock.GetUtcNow() < deadline)
        {
            var cycle = await RunOnceAsync(sweep, cancellationToken);
            total += cycle.Projected;
            sweep = true;
            if (!cycle.Leased || cycle.Taken < options.CurrentValue.BatchSize)
            {
                break;
            }
        }

        return total;
    }

    /// <summary>Documents the change feed is known to hold now, however they were found (tests wait for zero).</summary>
    public async Task<int> PendingAsync(CancellationToken cancellationToken) => (await feed.ScanAsync(1000, cancellationToken)).Count;

    private async Task<List<(ChangeMarker Marker, byte[]? Snapshot)>> NudgedAsync(int max, CancellationToken cancellationToken)
    {
        var nudges = signal.Drain(max);
        var markers = await Task.WhenAll(nudges.Select(async n => n.MarkerETag is { } etag
            ? (new ChangeMarker(n.Key.DealerCode, n.Key.DocumentType, n.Key.TrackingId, n.Revision, etag), n.Snapshot)
            : (await feed.GetAsync(n.Key.DealerCode, n.Key.TrackingId, cancellationToken), n.Snapshot)));
        return [.. markers.Where(m => m.Item1 is not null).Select(m => (m.Item1!, m.Snapshot))];
    }

    private async Task<int> ProjectAsync(List<(ChangeMarker Marker, byte[]? Snapshot)> taken, CancellationToken cancellationToken)
    {
        // Counted per changed document and shared among their types: the read model's part of a document's storage round trips.
        using var step = traffic.Step("-", ProjectStep);
        var markers = taken.Select(t => t.Marker).ToList();
        step.ShareAmong(markers.GroupBy(m => m.DocumentType, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal));
        var built = await source.BuildAsync(taken, cancellationToken);
        var projected = await writer.ProjectAsync(built.Select(b => b.Facts).OfType<DocumentFacts>().ToList(), cancellationToken);
        var completed = await feed.CompleteAsync(markers, cancellationToken);
        var again = completed.Count(c => !c);
        LogProjected(logger, markers.Count, projected, again);
        return projected;
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "Projected {Changed} of {Markers} changed documents ({Again} changed again meanwhile)")]
    private static partial void LogProjected(ILogger logger, int markers, int changed, int again);
}

/// <summary>What one projector cycle did: <see cref="Taken"/> changed documents, of which <see cref="Projected"/> needed a change.</summary>
public sealed record ProjectorCycle(bool Leased, int Taken, int Projected);
