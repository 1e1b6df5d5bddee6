using Dms.Hub.Workflow;

namespace Dms.Hub.Storage;

/// <summary>
/// Port: loads historical documents in bulk (a data migration, demo history, a benchmark's million RDRs) as whole
/// batches per partition: the documents and (if asked) their number keys, so that sending one
/// again is a replay — nothing else: no payloads, reservations or work. Their rollups are loaded separately
/// (<see cref="Sales.SalesRollupImport"/>). Upserts: loading again is harmless.
/// </summary>
public interface IDocumentBulkLoader
{
    Task LoadAsync(IReadOnlyList<DocumentRecord> documents, bool withNumberKeys, CancellationToken cancellationToken);
}
