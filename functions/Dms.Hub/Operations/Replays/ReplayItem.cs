namespace Dms.Hub.Operations.Replays;

/// <summary>One dead letter of a replay job and what happened to it.</summary>
/// <param name="AttemptedAt">When the job first started replaying it; a dead letter replayed before that was replayed by someone else.</param>
/// <param name="ReplayWorkId">The new work item the replay created (lineage: original → dead letter → this).</param>
public sealed record ReplayItem(
    string JobId,
    int Sequence,
    string DeadLetterId,
    string TrackingId,
    string DocumentType,
    string DealerCode,
    string Delivery,
    string Status = ReplayItem.Pending,
    DateTimeOffset? AttemptedAt = null,
    DateTimeOffset? FinishedAt = null,
    string? ReplayWorkId = null,
    string? Error = null)
{
    public const string Pending = "Pending";

    /// <summary>Being replayed: the state an item is left in when the process stops mid-chunk (resumed, never lost).</summary>
    public const string Replaying = "Replaying";
    public const string Replayed = "Replayed";
    public const string AlreadyReplayed = "AlreadyReplayed";
    public const string NotFound = "NotFound";
    public const string Failed = "Failed";
    public const string Cancelled = "Cancelled";

    public bool Open => Status is Pending or Replaying;
}
