using System.ComponentModel.DataAnnotations;

namespace Dms.Hub.Sales;

/// <summary>HQ sales rollups (section <c>Dms:Sales</c>).</summary>
public sealed class SalesOptions
{
    public const string Section = "Dms:Sales";

    /// <summary>
    /// Partitions the rollups are spread over (by document). More shards mean less contention and smaller aggregate
    /// rows, but more rows to read per month. Fixed for the life of a deployment: changing it needs a rebuild.
    /// </summary>
    [Range(1, 256)]
    public int Shards { get; set; } = 16;

    /// <summary>
    /// How long an aggregate row read from storage is trusted by queries. Writes made by this instance update it at
    /// once; writes by other instances show after at most this long.
    /// </summary>
    [Range(0, 3600)]
    public int CacheSeconds { get; set; } = 10;

    /// <summary>
    /// Stale rows re-read at once in the background. The HQ sales page reads 1,344 rows (30 days and 12 months, each
    /// this year and last, in each of 16 shards), all stale together: read all at once they queued ahead of the next
    /// requests' own reads (HQ sales 337–585 ms for three requests in a row at 1,000,000 documents, session 22).
    /// </summary>
    [Range(1, 256)]
    public int RefreshesInFlight { get; set; } = 4;

    /// <summary>Most documents whose contributions one shard commits together (group commit).</summary>
    [Range(1, 90)]
    public int MaxGroupedDocuments { get; set; } = 40;

    /// <summary>Aggregate rows kept in memory at most (queries and writes share them).</summary>
    [Range(100, 10_000_000)]
    public int MaxCachedRows { get; set; } = 100_000;
}
