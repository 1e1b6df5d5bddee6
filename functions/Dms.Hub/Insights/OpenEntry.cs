namespace Dms.Hub.Insights;

/// <summary>
/// A document's membership of an open set — undelivered, awaiting the OEM's answer, failed — kept only while the
/// condition holds, ordered by <paramref name="SortKey"/> (a time, so the oldest or the overdue come first).
/// </summary>
/// <param name="Id">Tells several entries of one document apart (a dead letter per delivery).</param>
/// <param name="Data">What a list of the set shows without reading the document.</param>
public sealed record OpenEntry(string Set, string SortKey, string TrackingId, string Id, IReadOnlyDictionary<string, string> Data)
{
    public const string Undelivered = "undelivered";
    public const string AwaitingAck = "awaitingack";
    public const string Failures = "failures";

    public string Identity => $"{Set}|{SortKey}|{TrackingId}|{Id}";
}
