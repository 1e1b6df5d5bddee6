namespace Dms.Hub.Insights;

/// <summary>
/// Port: loads the console's read model of documents loaded in bulk (<see cref="Storage.IDocumentBulkLoader"/>) —
/// a migration, a benchmark's million documents — in whole batches, never a projection cycle per document. Meant for
/// documents the read model does not hold yet: listing rows and open-set entries are upserted, search-key references
/// merged into their key's row, counter rows replaced by the sums given.
/// </summary>
public interface IInsightsBulkLoader
{
    /// <summary>Listing rows, search-key references and open-set entries of these documents.</summary>
    Task LoadAsync(IReadOnlyList<DocumentFacts> facts, CancellationToken cancellationToken);

    /// <summary>Writes whole counter rows: every row named in <paramref name="sums"/> ends up holding exactly these values.</summary>
    Task LoadCountersAsync(IReadOnlyList<CounterDelta> sums, CancellationToken cancellationToken);
}
