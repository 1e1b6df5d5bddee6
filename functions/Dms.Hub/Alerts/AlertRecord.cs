namespace Dms.Hub.Alerts;

/// <summary>
/// A business alert about one document and one condition (its ID is <c>{trackingId}.{code}</c>): raised once when
/// the condition is breached, cleared when it ends, raised again if it comes back; every step is in its history.
/// </summary>
public sealed record AlertRecord
{
    public const string Open = "Open";
    public const string Cleared = "Cleared";

    public required string Id { get; init; }

    public required string DealerCode { get; init; }

    public required string DocumentType { get; init; }

    public required string TrackingId { get; init; }

    public required string DocumentNumber { get; init; }

    public required string Code { get; init; }

    public required string Title { get; init; }

    public required string Message { get; init; }

    /// <summary><see cref="Open"/> or <see cref="Cleared"/>.</summary>
    public required string Status { get; init; }

    /// <summary>When the current (or last) episode was raised.</summary>
    public DateTimeOffset RaisedAt { get; init; }

    public DateTimeOffset? ClearedAt { get; init; }

    /// <summary>Set by an operator for the current episode; a new episode must be acknowledged again.</summary>
    public DateTimeOffset? AcknowledgedAt { get; init; }

    public string? AcknowledgedBy { get; init; }

    /// <summary>How many times the alert was raised (episodes).</summary>
    public int Occurrences { get; init; }

    public IReadOnlyList<AlertHistoryEntry> History { get; init; } = [];

    /// <summary>Concurrency token of the stored version; null before it is first stored.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? ETag { get; init; }

    public static string MakeId(string trackingId, string code) => $"{trackingId}.{code}";

    public static bool TryParseId(string id, out string trackingId, out string code)
    {
        var dot = id.LastIndexOf('.');
        trackingId = dot > 0 ? id[..dot] : string.Empty;
        code = dot > 0 ? id[(dot + 1)..] : string.Empty;
        return dot > 0 && code.Length is > 0 and <= 60 && code.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_');
    }
}

/// <summary>One step in an alert's life: Raised, Cleared, Acknowledged.</summary>
public sealed record AlertHistoryEntry(DateTimeOffset At, string Event, string Actor, string? Note);
