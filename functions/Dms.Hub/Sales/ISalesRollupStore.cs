namespace Dms.Hub.Sales;

/// <summary>
/// Port: the sales rollups. Each shard is one partition holding the contributions of its documents and the aggregate
/// rows (per basis × month and basis × day) those contributions were added to, so a document's contribution and the
/// aggregates change in one atomic transaction, under ETags.
/// </summary>
public interface ISalesRollupStore
{
    /// <summary>The stored contributions of these documents (missing ones are absent).</summary>
    Task<IReadOnlyDictionary<string, StoredContribution>> GetContributionsAsync(int shard, IReadOnlyCollection<string> trackingIds, CancellationToken cancellationToken);

    /// <summary>An aggregate row; an empty one without ETag when it does not exist yet.</summary>
    Task<SalesRollupRow> GetRowAsync(int shard, string key, CancellationToken cancellationToken);

    /// <summary>
    /// The shard's version: it changes with every commit and import into the shard, so a row read after a version was
    /// seen is still current while the version is the same. A shard never written since versions exist has the empty one
    /// (so instances of a build older than versions must not write beside newer ones: their writes would not move it).
    /// </summary>
    Task<string> GetVersionAsync(int shard, CancellationToken cancellationToken);

    /// <summary>
    /// Writes contributions (added when their ETag is null, else replaced under it), aggregate rows (likewise) and a new
    /// shard version in one transaction, so at most <see cref="MaxCommitted"/> contributions and rows together.
    /// Returns the rows' new ETags and the shard's new version, or null when anything changed meanwhile (nothing is written).
    /// </summary>
    Task<SalesCommit?> CommitAsync(int shard, IReadOnlyList<ContributionChange> contributions, IReadOnlyList<SalesRollupRow> rows, CancellationToken cancellationToken);

    /// <summary>Contributions and rows one commit holds at most (a transaction's 100 operations, one of them the version).</summary>
    public const int MaxCommitted = 99;

    /// <summary>Bulk load (seeding, rebuilds): upserts contributions and rows as they are, in batches, ignoring ETags; a new shard version.</summary>
    Task ImportAsync(int shard, IReadOnlyList<(string TrackingId, SalesContribution Value)> contributions, IReadOnlyList<SalesRollupRow> rows, CancellationToken cancellationToken);
}

/// <summary>An aggregate row: cell key → vector (see <see cref="SalesVector"/>).</summary>
public sealed record SalesRollupRow(string Key, IReadOnlyDictionary<string, long[]> Cells, string? ETag)
{
    public static SalesRollupRow Empty(string key) => new(key, new Dictionary<string, long[]>(StringComparer.Ordinal), null);
}

/// <summary>A commit's outcome: each written row's new ETag, and the shard's new version.</summary>
public sealed record SalesCommit(IReadOnlyDictionary<string, string> ETags, string Version);

public sealed record StoredContribution(SalesContribution Value, string ETag);

/// <summary>A contribution to write: added when <paramref name="ETag"/> is null, otherwise replaced under it.</summary>
public sealed record ContributionChange(string TrackingId, SalesContribution Value, string? ETag);
