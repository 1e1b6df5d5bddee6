namespace Dms.Hub.Insights.Rebuild;

/// <summary>
/// Port: what a rebuild of the read model needs from storage besides the bulk loader — the layout version and the
/// rebuild's checkpoint (both beside the counters), the projector lease taken for the rebuild, clearing the read
/// model, every stored document in a resumable order, and every listed document's facts.
/// </summary>
public interface IReadModelMaintenance
{
    /// <summary>The layout version the store's read model was last rebuilt (or bulk-loaded) in; null when never.</summary>
    Task<int?> GetVersionAsync(CancellationToken cancellationToken);

    /// <summary>Records <paramref name="version"/> and removes the rebuild checkpoint: the rebuild is finished.</summary>
    Task SetVersionAsync(int version, CancellationToken cancellationToken);

    /// <summary>A rebuild's checkpoint: one in progress or interrupted; null when none.</summary>
    Task<RebuildCheckpoint?> GetCheckpointAsync(CancellationToken cancellationToken);

    Task SaveCheckpointAsync(RebuildCheckpoint checkpoint, CancellationToken cancellationToken);

    /// <summary>
    /// About how many documents the read model lists now (its gauges: every document counts once by its status), read
    /// before clearing for the rebuild's progress; null when it counts none. A few point reads, not a pass over the documents.
    /// </summary>
    Task<long?> CountListedAsync(CancellationToken cancellationToken);

    /// <summary>Whether any document is stored at all (a new store needs no rebuild, only its version).</summary>
    Task<bool> AnyDocumentAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Takes the projector's lease for <paramref name="owner"/> whoever holds it, unless another rebuild holds it
    /// unexpired (<see cref="RebuildLease.Busy"/>). Conditional on the row as read, so two rebuilds never both take it.
    /// </summary>
    Task<RebuildLease> TakeLeaseAsync(string leaseName, string owner, DateTimeOffset now, TimeSpan term, CancellationToken cancellationToken);

    /// <summary>Lets the lease lapse now if <paramref name="owner"/> holds it (the projector takes it at its next cycle).</summary>
    Task ReleaseLeaseAsync(string leaseName, string owner, CancellationToken cancellationToken);

    /// <summary>
    /// Empties the read model: listing tables of every layout, the search index, the open sets, counter rows and
    /// projection receipts (never the lease, the version, the checkpoint or the watermark), and drops tables no layout
    /// reads any more. Idempotent.
    /// </summary>
    Task ClearAsync(CancellationToken cancellationToken);

    /// <summary>Stored documents in pages, in storage order, after <paramref name="after"/> (a page's <see cref="DocumentBatch.Cursor"/>).</summary>
    IAsyncEnumerable<DocumentBatch> ReadDocumentsAsync(string? after, int pageSize, CancellationToken cancellationToken);

    /// <summary>Every listed document's facts (the listing's newest-first rows), a table's at a time.</summary>
    IAsyncEnumerable<IReadOnlyList<DocumentFacts>> ReadListedAsync(CancellationToken cancellationToken);
}

/// <summary>A page of stored documents and where the next one starts.</summary>
public sealed record DocumentBatch(IReadOnlyList<Workflow.DocumentRecord> Documents, string Cursor);

/// <summary>How taking the lease for a rebuild went.</summary>
public enum RebuildLease
{
    /// <summary>Taken; it was free, lapsed, or held by a rebuild that stopped renewing it.</summary>
    Taken,

    /// <summary>Taken from a projector that held it unexpired: a cycle of its may still be writing.</summary>
    TakenFromProjector,

    /// <summary>Another rebuild holds it.</summary>
    Busy,
}
