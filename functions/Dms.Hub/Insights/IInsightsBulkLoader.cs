namespace Dms.Hub.Insights;

/// <summary>
/// Port: loads the console's read model of documents loaded in bulk (<see cref="Storage.IDocumentBulkLoader"/>) —
/// a migration, a benchmark's million documents — in whole batches, never a projection cycle per document. Meant for
/// documents the read model does not hold yet: listing rows and open-set entries are upserted, search-key references
/// merged into their key's row, counter rows replaced by the sums given.
/// </summary>
public interface IInsightsBulkLoader
{
    /// <summary>Listing rows and open-set entries of these documents.</summary>
    Task LoadAsync(IReadOnlyList<DocumentFacts> facts, CancellationToken cancellationToken);

    /// <summary>
    /// The search-key rows of every loaded document at once (each key's references gathered, as the projector would
    /// write them into an empty index), written in key order: an index's rows spread by hash, so writing them chunk by
    /// chunk would land each row in the middle of the table (on Azurite a cost in proportion to the table).
    /// </summary>
    Task LoadSearchKeysAsync(IReadOnlyList<(string NormalizedKey, IndexRef Ref)> keys, CancellationToken cancellationToken);

    /// <summary>Writes whole counter rows: every row named in <paramref name="sums"/> ends up holding exactly these values.</summary>
    Task LoadCountersAsync(IReadOnlyList<CounterDelta> sums, CancellationToken cancellationToken);
}
