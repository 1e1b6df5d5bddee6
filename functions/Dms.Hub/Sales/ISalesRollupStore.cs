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
    /// Writes contributions (added when their ETag is null, else replaced under it) and aggregate rows (likewise) in
    /// one transaction. Returns the rows' new ETags, or null when anything changed meanwhile (nothing is written).
    /// </summary>
    Task<IReadOnlyDictionary<string, string>?> CommitAsync(int shard, IReadOnlyList<ContributionChange> contributions, IReadOnlyList<SalesRollupRow> rows, CancellationToken cancellationToken);

    /// <summary>Bulk load (seeding, rebuilds): upserts contributions and rows as they are, in batches, ignoring ETags.</summary>
    Task ImportAsync(int shard, IReadOnlyList<(string TrackingId, SalesContribution Value)> contributions, IReadOnlyList<SalesRollupRow> rows, CancellationToken cancellationToken);
}

/// <summary>An aggregate row: cell key → vector (see <see cref="SalesVector"/>).</summary>
public sealed record SalesRollupRow(string Key, IReadOnlyDictionary<string, long[]> Cells, string? ETag)
{
    public static SalesRollupRow Empty(string key) => new(key, new Dictionary<string, long[]>(StringComparer.Ordinal), null);
}

public sealed record StoredContribution(SalesContribution Value, string ETag);

/// <summary>A contribution to write: added when <paramref name="ETag"/> is null, otherwise replaced under it.</summary>
public sealed record ContributionChange(string TrackingId, SalesContribution Value, string? ETag);
