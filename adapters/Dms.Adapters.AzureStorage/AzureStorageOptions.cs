using System.ComponentModel.DataAnnotations;

namespace Dms.Adapters.AzureStorage;

/// <summary>Where state lives (section <c>Dms:Storage</c>).</summary>
public sealed class AzureStorageOptions
{
    public const string Section = "Dms:Storage";

    /// <summary>A storage connection string (Azurite locally). Leave empty in Azure and set <see cref="TableServiceUri"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The account's table endpoint, used with the managed identity when no connection string is given.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>The account's blob endpoint (batch files), used with the managed identity when no connection string is given.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>The account's queue endpoint, for the <c>storage-queue</c> work transport with the managed identity.</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>How long the <c>storage-queue</c> transport waits between polls of an empty queue, at most.</summary>
    [Range(10, 30000)]
    public int QueuePollMilliseconds { get; set; } = 1000;

    /// <summary>Prefix for table names (and, lower-cased, work queue names), so several hubs or test runs can share one account.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,20}$|^$")]
    public string TablePrefix { get; set; } = string.Empty;

    /// <summary>
    /// Partitions the documents table is spread over (by dealer). Fixed for the life of a deployment: changing it
    /// moves dealers to other partitions and hides their data.
    /// </summary>
    [Range(1, 1024)]
    public int ShardCount { get; set; } = 16;

    /// <summary>
    /// Where the documents' rows live: <see cref="DocumentTableLayout.PerShard"/> (a table per shard, the default) or
    /// <see cref="DocumentTableLayout.OneTable"/> (one table, the layout before session 19). A store written in one
    /// layout must be read in it: the hub refuses to start in <c>PerShard</c> over a store whose one table holds rows.
    /// </summary>
    public DocumentTableLayout DocumentTables { get; set; } = DocumentTableLayout.PerShard;

    /// <summary>Per-request network timeout; storage calls fail fast so callers get 503 rather than a hang.</summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// Per-request timeout of the background range queries over the documents table (recovery sweep, change feed):
    /// nobody waits for them, and Azurite answers them by scanning the whole table.
    /// </summary>
    [Range(1, 600)]
    public int ScanTimeoutSeconds { get; set; } = 120;

    /// <summary>
    /// Storage calls of background work (the projector, sweeps, periodic jobs: <see cref="Hub.Storage.StorageLane"/>)
    /// in flight at once, at most; 0 = no limit. Azurite serves one request at a time in arrival order, so this is how
    /// many of them an acknowledgement can find queued ahead of it. Off by default: at half saturation on Azurite a
    /// limit of 4 did not shorten the acknowledgement tail (perf11's A/B, README), whose cause is Azurite's garbage
    /// collector.
    /// </summary>
    [Range(0, 1000)]
    public int BackgroundConcurrency { get; set; }

    /// <summary>
    /// References of the search index's bucket rows this process keeps to plan its next writes on (beyond them it
    /// starts over; a bucket forgotten costs one read). A bucket continued in pages is kept as its head and last page
    /// only, so one key shared by a whole file cannot fill it.
    /// </summary>
    [Range(0, 10_000_000)]
    public int SearchIndexCachedRefs { get; set; } = 300_000;
}

/// <summary>How the documents' rows are laid out in tables (<see cref="AzureStorageOptions.DocumentTables"/>).</summary>
public enum DocumentTableLayout
{
    /// <summary>
    /// A table per shard (<c>documents000</c> …): the same rows and partitions as <see cref="OneTable"/>, but a range query
    /// walks one shard's rows on Azurite, which answers a range query by walking its whole table.
    /// </summary>
    PerShard,

    /// <summary>One <c>documents</c> table with a partition per shard: stores written before session 19.</summary>
    OneTable,
}
