namespace Dms.Hub.Insights;

/// <summary>
/// Port: the business-key index — a normalised key (VIN, document number, OEM reference, correlation ID, idempotency
/// key) to the documents that carry it. One lookup is a point read, however many documents are stored.
/// </summary>
public interface ISearchIndex
{
    Task<IReadOnlyList<IndexRef>> FindAsync(string normalizedKey, CancellationToken cancellationToken);

    /// <summary>
    /// Adds and removes references; applying a change twice has the effect of applying it once. The changes name, for
    /// each key and document they add, every kind the document holds that key as (a store may write the entry whole).
    /// </summary>
    Task ApplyAsync(IReadOnlyList<IndexChange> changes, CancellationToken cancellationToken);
}

/// <summary>A document carrying a key, and as what (vin, number ...).</summary>
public sealed record IndexRef(string TrackingId, string DocumentType, string Kind);

public sealed record IndexChange(string NormalizedKey, IndexRef Ref, bool Remove);
