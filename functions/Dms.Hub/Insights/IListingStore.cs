namespace Dms.Hub.Insights;

/// <summary>
/// Port: every document's latest facts, partitioned by the hour it was submitted (one table per day), so a time range
/// reads only its own partitions and a document is one point read from its tracking ID.
/// </summary>
public interface IListingStore
{
    Task<DocumentFacts?> GetAsync(string trackingId, CancellationToken cancellationToken);

    Task PutAsync(IReadOnlyList<DocumentFacts> facts, CancellationToken cancellationToken);

    /// <summary>Throws <see cref="FormatException"/> for a continuation token it did not issue.</summary>
    Task<ListingPage> QueryAsync(ListingQuery query, CancellationToken cancellationToken);
}

/// <summary>Documents submitted in [<see cref="From"/>, <see cref="To"/>), newest (or oldest) first, every given filter holding.</summary>
public sealed record ListingQuery(
    DateTimeOffset From,
    DateTimeOffset To,
    int PageSize,
    bool OldestFirst = false,
    string? DocumentType = null,
    string? Status = null,
    string? DealerCode = null,
    string? Region = null,
    string? Channel = null,
    string? Outcome = null,
    string? ErrorCode = null,
    bool? AwaitingOem = null,
    string? ContinuationToken = null);

public sealed record ListingPage(IReadOnlyList<DocumentFacts> Items, string? ContinuationToken);
