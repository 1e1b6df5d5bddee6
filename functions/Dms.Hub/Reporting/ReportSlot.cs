namespace Dms.Hub.Reporting;

/// <summary>
/// What one dealer owes for one report kind and period, and how it stands: Expected (created by the calendar job) →
/// Received (a version arrived) → Accepted | PartiallyAccepted | Rejected. Only the latest version counts; lateness
/// is measured to the first accepted version. Late and the escalation step are derived, never stored.
/// </summary>
public sealed record ReportSlot
{
    public required string Kind { get; init; }

    public required string Period { get; init; }

    public required string DealerCode { get; init; }

    /// <summary>Null when the kind has no schedule for this dealer (a report nobody asked for is still recorded).</summary>
    public DateTimeOffset? DueAt { get; init; }

    public string Status { get; init; } = ReportSlotStatus.Expected;

    /// <summary>The version that counts now.</summary>
    public int? Version { get; init; }

    public string? TrackingId { get; init; }

    /// <summary>The batch file the counting (or rejected) version came in, if it came as a file.</summary>
    public string? BatchId { get; init; }

    public bool Zero { get; init; }

    public int? Lines { get; init; }

    public int? DeclaredLines { get; init; }

    public DateTimeOffset? ExpectedAt { get; init; }

    public DateTimeOffset? FirstReceivedAt { get; init; }

    public DateTimeOffset? FirstAcceptedAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>The last events (bounded), newest last.</summary>
    public IReadOnlyList<ReportSlotEvent> History { get; init; } = [];

    public string? ETag { get; init; }

    public bool IsSettled => Status is ReportSlotStatus.Accepted or ReportSlotStatus.PartiallyAccepted;
}

public sealed record ReportSlotEvent(DateTimeOffset At, string Event, int? Version, string? Reference, string? Detail);

public static class ReportSlotStatus
{
    public const string Expected = "Expected";
    public const string Received = "Received";
    public const string Accepted = "Accepted";
    public const string PartiallyAccepted = "PartiallyAccepted";
    public const string Rejected = "Rejected";
}
