using System.Text.Json.Nodes;

namespace Dms.Hub.Work;

/// <summary>
/// A unit of asynchronous work (route, deliver, notify ...). Stored in its dealer's partition, in the same atomic
/// batch as the state change that caused it, so work is never lost and never exists without its cause.
/// <see cref="ETag"/> is the concurrency token of the stored row this copy matches (set by the store when it reads
/// or writes the row, never stored itself): a message carrying the copy lets a runner lease by a conditional update
/// instead of reading the row first.
/// <see cref="Journal"/> (never stored either): the item has no row of its own but is recorded in the
/// <see cref="WorkJournal"/> row of that ID, whose ETag <see cref="ETag"/> then is.
/// </summary>
public sealed record WorkItem(
    string Id,
    string Kind,
    string DealerCode,
    string? DocumentType,
    string? TrackingId,
    JsonObject Args,
    DateTimeOffset CreatedAt,
    DateTimeOffset DueAt,
    string? CorrelationId,
    int Attempt = 0,
    string? LastError = null,
    DateTimeOffset? LeasedUntil = null,
    string? ETag = null,
    string? Journal = null)
{
    public WorkRef Ref => new(DealerCode, Id, DueAt);

    /// <summary>When a runner may pick the item up: its due time, or the end of a lease someone holds.</summary>
    public DateTimeOffset ReadyAt => LeasedUntil is { } until && until > DueAt ? until : DueAt;

    public string? Arg(string name) => Args[name]?.GetValue<string>();
}
