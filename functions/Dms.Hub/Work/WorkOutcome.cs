namespace Dms.Hub.Work;

public enum WorkOutcomeKind
{
    Completed,
    Rescheduled,
    DeadLettered,

    /// <summary>Put off without an attempt (the destination is being spared); runs again at <see cref="WorkOutcome.DueAt"/>.</summary>
    Deferred,

    /// <summary>Nothing was done: the item is gone or another runner holds it (see <see cref="WorkOutcome.DueAt"/>).</summary>
    Skipped,
}

/// <summary>
/// What became of one run of a work item; <see cref="DueAt"/> is when it wants to run again, if ever, and
/// <see cref="Attempt"/> the attempts it has counted (0 when nothing was leased). <see cref="Item"/> is the item as
/// stored after a reschedule (with its ETag), for the next message to carry.
/// </summary>
public sealed record WorkOutcome(WorkOutcomeKind Kind, DateTimeOffset? DueAt = null, string? Reason = null, int Attempt = 0, WorkItem? Item = null)
{
    public static WorkOutcome Completed { get; } = new(WorkOutcomeKind.Completed);

    public static WorkOutcome Gone { get; } = new(WorkOutcomeKind.Skipped);
}
