using Dms.Hub.Alerts;

namespace Dms.Hub.Operations.Alerts;

/// <summary>
/// A condition of the hub itself, about one subject (a destination, a document type): open dead letters, a backlog
/// older than its limit, answers overdue, counters falling behind. One record per condition and subject, raised once
/// per episode and cleared when the condition ends, so a storm of failures is one alert with a count, not a storm.
/// </summary>
public sealed record TechnicalAlert
{
    public required string Id { get; init; }

    public required string Code { get; init; }

    public required string Subject { get; init; }

    public required string Title { get; init; }

    public required string Message { get; init; }

    public string Status { get; init; } = AlertRecord.Open;

    public DateTimeOffset RaisedAt { get; init; }

    public DateTimeOffset? ClearedAt { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    public string? AcknowledgedBy { get; init; }

    /// <summary>How large the condition is now (dead letters, minutes of backlog ...).</summary>
    public long Value { get; init; }

    public int Occurrences { get; init; } = 1;

    public IReadOnlyList<AlertHistoryEntry> History { get; init; } = [];

    public string? ETag { get; init; }

    public static string MakeId(string code, string subject) => $"{code}.{subject}";
}

/// <summary>An operator's "not now" for an alert (business or technical): hidden from the open list until <see cref="Until"/>.</summary>
public sealed record AlertSnooze(string AlertId, DateTimeOffset Until, string By, string Reason, DateTimeOffset At);
