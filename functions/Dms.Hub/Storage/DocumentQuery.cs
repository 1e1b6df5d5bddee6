namespace Dms.Hub.Storage;

/// <summary>
/// A page request over one dealer's documents of one type, oldest first; <paramref name="Filters"/> all hold. Without a
/// <paramref name="DealerCode"/> (operators, HQ) it spans every dealer, in no particular order.
/// </summary>
public sealed record DocumentQuery(
    string? DealerCode,
    string DocumentType,
    string? Status,
    DateTimeOffset? From,
    DateTimeOffset? To,
    int PageSize,
    string? ContinuationToken,
    IReadOnlyList<FieldFilter>? Filters = null);
