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
}

/// <summary>What a finished rebuild did.</summary>
public sealed record RebuildResult(long Documents, long Listed, TimeSpan Took, bool Resumed);
