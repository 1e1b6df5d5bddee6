using System.Globalization;

namespace Dms.Hub.Insights.Rebuild;

/// <summary>
/// A rebuild's progress as people read it (the read-model page and every console page's banner): the phase, k of N,
/// the phase's rate and the time it should still take. While listing, N is what the read model counted before it was
/// cleared (<see cref="RebuildCheckpoint.Expected"/>: approximate, and labelled so); while counting, N is the documents
/// listed (exact).
/// </summary>
public sealed record RebuildProgress(string Phase, long Done, long? Total, bool Approximate, double? PerSecond, TimeSpan? Remaining, TimeSpan? Waiting)
{
    /// <summary>
    /// Without a step this long, the rebuild may have stopped (a crash; clearing or writing the counters of a very large
    /// store can be slow too, hence “may”): no time left is promised then.
    /// </summary>
    public static readonly TimeSpan StalledAfter = TimeSpan.FromMinutes(2);

    /// <summary>How long since the last step, when longer than <see cref="StalledAfter"/>.</summary>
    public TimeSpan? Stalled { get; init; }

    /// <summary>Below this much of a phase the rate is not shown (a page or two says little).</summary>
    private static readonly TimeSpan RateAfter = TimeSpan.FromSeconds(1);

    public static RebuildProgress Of(RebuildCheckpoint checkpoint, DateTimeOffset now)
    {
        var idle = now - checkpoint.UpdatedAt;
        var stalled = idle > StalledAfter ? idle : (TimeSpan?)null;
        if (checkpoint.Phase == RebuildCheckpoint.Clearing)
        {
            var waiting = checkpoint.WaitingUntil is { } until && until > now ? until - now : (TimeSpan?)null;
            return new(checkpoint.Phase, 0, checkpoint.Expected, true, null, null, waiting) { Stalled = stalled };
        }

        var counting = checkpoint.Phase == RebuildCheckpoint.Counting;
        var done = counting ? checkpoint.Counted : checkpoint.Listed;
        var total = counting ? checkpoint.Listed : checkpoint.Expected;
        var since = checkpoint.PhaseStartedAt == default ? checkpoint.StartedAt : checkpoint.PhaseStartedAt;
        var elapsed = checkpoint.UpdatedAt - since;
        double? rate = elapsed >= RateAfter && done > checkpoint.PhaseFrom ? (done - checkpoint.PhaseFrom) / elapsed.TotalSeconds : null;
        TimeSpan? remaining = rate is { } r && total is { } n && n > done && stalled is null ? TimeSpan.FromSeconds((n - done) / r) : null;
        return new(checkpoint.Phase, done, total, !counting, rate, remaining, null) { Stalled = stalled };
    }

    /// <summary>One line: “listing: 12,000 of ≈ 30,000 documents (40 %), 860 a second, about 21 s left in this phase (counting follows)”.</summary>
    public string Describe()
    {
        if (Waiting is { } waiting)
        {
            return $"waiting up to {Seconds(waiting)} for a projector's cycle in flight to end (nothing cleared yet)";
        }

        if (Phase == RebuildCheckpoint.Clearing)
        {
            return "clearing the old read model" + (Total is { } expected ? $" (about {N(expected)} documents to list next)" : string.Empty)
                + (Stalled is { } quiet ? $"; no step for {Seconds(quiet)} (a large store's clearing takes a while)" : string.Empty);
        }

        var noun = Phase == RebuildCheckpoint.Counting ? "listed documents" : "documents";
        var of = Total switch
        {
            { } n when Done > n => $"{N(Done)} {noun} (≈ {N(n)} expected: more than the old read model counted)",
            { } n => $"{N(Done)} of {(Approximate ? "≈ " : string.Empty)}{N(n)} {noun} ({Math.Floor(100.0 * Done / Math.Max(1, n)).ToString("0", CultureInfo.InvariantCulture)} %)",
            null => $"{N(Done)} {noun} (total unknown: the old read model counted none)",
        };
        var rate = PerSecond is { } r ? $", {N((long)Math.Round(r))} a second" : string.Empty;
        var left = Remaining is { } t ? $", about {Seconds(t)} left in this phase" + (Phase == RebuildCheckpoint.Listing ? " (counting follows)" : string.Empty) : string.Empty;
        var stalled = Stalled is { } idle
            ? $"; no step for {Seconds(idle)}: if no hub is rebuilding (its log says), it goes on when the hub starts again or an Admin asks"
            : string.Empty;
        return $"{Phase}: {of}{rate}{left}{stalled}";
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan span) => span.TotalSeconds < 90
        ? $"{Math.Ceiling(span.TotalSeconds).ToString("0", CultureInfo.InvariantCulture)} s"
        : $"{Math.Ceiling(span.TotalMinutes).ToString("0", CultureInfo.InvariantCulture)} min";
}
