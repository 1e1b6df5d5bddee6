namespace Dms.Hub.Operations.Replays;

/// <summary>
/// A bulk replay an operator started: which dead letters (fixed when the job was created), why, and how far it got.
/// Its items are replayed in order by whichever process holds the job's lease; a crash or a cancel leaves every item
/// either replayed once or still listed with its state.
/// </summary>
public sealed record ReplayJob
{
    public const string Pending = "Pending";
    public const string Running = "Running";
    public const string Completed = "Completed";
    public const string Cancelled = "Cancelled";

    public required string Id { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    public required string CreatedByName { get; init; }

    public required string Reason { get; init; }

    /// <summary>The query the items were selected by, in words.</summary>
    public required string Selection { get; init; }

    public required int Total { get; init; }

    public string Status { get; init; } = Pending;

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public DateTimeOffset? CancelRequestedAt { get; init; }

    public string? CancelRequestedBy { get; init; }

    public ReplayCounts Counts { get; init; } = new();

    public string? ETag { get; init; }

    public bool Finished => Status is Completed or Cancelled;

    /// <summary>Items settled so far (k of <see cref="Total"/>).</summary>
    public int Done => Counts.Replayed + Counts.AlreadyReplayed + Counts.NotFound + Counts.Failed + Counts.Cancelled;
}

/// <summary>How many items ended each way.</summary>
public sealed record ReplayCounts(int Replayed = 0, int AlreadyReplayed = 0, int NotFound = 0, int Failed = 0, int Cancelled = 0)
{
    public static ReplayCounts Of(IEnumerable<ReplayItem> items)
    {
        var list = items.ToList();
        return new ReplayCounts(
            list.Count(i => i.Status == ReplayItem.Replayed), list.Count(i => i.Status == ReplayItem.AlreadyReplayed), list.Count(i => i.Status == ReplayItem.NotFound),
            list.Count(i => i.Status == ReplayItem.Failed), list.Count(i => i.Status == ReplayItem.Cancelled));
    }

    public ReplayCounts Plus(ReplayCounts other) => new(Replayed + other.Replayed, AlreadyReplayed + other.AlreadyReplayed, NotFound + other.NotFound, Failed + other.Failed, Cancelled + other.Cancelled);
}
