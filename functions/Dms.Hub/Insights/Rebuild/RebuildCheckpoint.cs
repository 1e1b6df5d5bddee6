namespace Dms.Hub.Insights.Rebuild;

/// <summary>
/// Where a rebuild is (stored beside the counters after every page, so any instance shows it and a restarted one
/// resumes it): <see cref="Phase"/>, the last document page loaded (<see cref="Cursor"/>), how many documents are
/// listed and counted so far, who asked and why.
/// </summary>
public sealed record RebuildCheckpoint(
    string Phase,
    string? Cursor,
    long Listed,
    long Counted,
    DateTimeOffset StartedAt,
    DateTimeOffset UpdatedAt,
    string By,
    string Reason,
    int FromVersion)
{
    /// <summary>Emptying the read model (redone from the start after a crash).</summary>
    public const string Clearing = "clearing";

    /// <summary>Listing rows and open sets from the documents, page after page from <see cref="Cursor"/>.</summary>
    public const string Listing = "listing";

    /// <summary>Search keys and counters from the listing just written (redone whole after a crash: both are replaced, not added).</summary>
    public const string Counting = "counting";

    /// <summary>
    /// About how many documents there are to list: what the read model counted before it was cleared (its gauges), so
    /// approximate — documents arriving meanwhile are not in it, and a read model in doubt may be off. Null: unknown
    /// (nothing was counted, e.g. a layout whose counters this code does not read).
    /// </summary>
    public long? Expected { get; init; }

    /// <summary>Until when the rebuild waits, holding the lease, for a live projector's cycle in flight to end (nothing cleared yet).</summary>
    public DateTimeOffset? WaitingUntil { get; init; }

    /// <summary>When this run of the current phase began, and its count then (<see cref="Listed"/> or <see cref="Counted"/>): the phase's rate.</summary>
    public DateTimeOffset PhaseStartedAt { get; init; }

    /// <inheritdoc cref="PhaseStartedAt"/>
    public long PhaseFrom { get; init; }
}

/// <summary>What a finished rebuild did.</summary>
public sealed record RebuildResult(long Documents, long Listed, TimeSpan Took, bool Resumed);
