namespace Dms.Hub.Insights;

/// <summary>
/// Port: every document's latest facts, partitioned by the hours it was submitted in (and again by dealer and week, for
/// a filter by dealer, and by region and hours, for a filter by region), so a time range reads only its own partitions
/// and a document is one point read from its tracking ID.
/// </summary>
public interface IListingStore
{
    Task<DocumentFacts?> GetAsync(string trackingId, CancellationToken cancellationToken);

    /// <summary>
    /// Lists each document as <paramref name="facts"/> say. <paramref name="former"/>: what some of them were listed as
    /// before (their listing rows as last read or written, a crashed attempt's targets) — a copy kept under a region a
    /// document no longer has (its dealer moved) is removed.
    /// </summary>
    Task PutAsync(IReadOnlyList<DocumentFacts> facts, IReadOnlyCollection<DocumentFacts> former, CancellationToken cancellationToken);

    /// <summary>Throws <see cref="FormatException"/> for a continuation token it did not issue.</summary>
    Task<ListingPage> QueryAsync(ListingQuery query, CancellationToken cancellationToken);
}

/// <summary>A page of the documents <paramref name="Filter"/> selects (newest or oldest first), resuming at <paramref name="ContinuationToken"/>.</summary>
/// <param name="Hours">Where the counters say matches are (null: not known); a store may skip the hours they rule out.</param>
public sealed record ListingQuery(DocumentFilter Filter, int PageSize, string? ContinuationToken = null, MatchingHours? Hours = null);

/// <summary>
/// The submission hours that hold a match of a filter, by the hourly counters as of <paramref name="CountedUntil"/>:
/// an hour before that and not in <paramref name="Hours"/> holds none; from that hour on nothing is known.
/// </summary>
public sealed record MatchingHours(IReadOnlySet<DateTimeOffset> Hours, DateTimeOffset CountedUntil)
{
    /// <summary>Whether [<paramref name="start"/>, <paramref name="end"/>) may hold a match.</summary>
    public bool MayHold(DateTimeOffset start, DateTimeOffset end) => end > CountedUntil || Hours.Any(h => h >= start && h < end);
}

/// <summary>What the documents list is filtered by; submitted in [<see cref="From"/>, <see cref="To"/>).</summary>
public sealed record DocumentFilter(
    DateTimeOffset From,
    DateTimeOffset To,
    string? DocumentType = null,
    string? Status = null,
    string? DealerCode = null,
    string? Region = null,
    string? Channel = null,
    string? Outcome = null,
    string? ErrorCode = null,
    bool? AwaitingOem = null,
    bool OldestFirst = false,
    SummaryFieldFilter? Field = null);

/// <summary>One of the type's summary fields equal to a value (e.g. a parts order's <c>orderType</c> = <c>VOR</c>).</summary>
public sealed record SummaryFieldFilter(string Name, string Value)
{
    /// <summary>Reads <c>name:value</c>; null when it is not that shape or the name is not a plain identifier.</summary>
    public static SummaryFieldFilter? Parse(string? text)
    {
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon <= 0 || colon == text!.Length - 1 || colon > 40 || !text[..colon].All(char.IsAsciiLetterOrDigit))
        {
            return null;
        }

        return new SummaryFieldFilter(text[..colon], text[(colon + 1)..]);
    }

    public override string ToString() => Name + ":" + Value;
}

public sealed record ListingPage(IReadOnlyList<DocumentFacts> Items, string? ContinuationToken);
