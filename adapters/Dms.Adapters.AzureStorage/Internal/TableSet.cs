using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>The hub's tables and the partitioning scheme they share.</summary>
/// <param name="scans">
/// The client for background range queries over the documents table (recovery sweep, change feed, dead letters),
/// with a longer timeout than requests callers wait for: Azurite answers such a query by scanning the whole table
/// (seconds over a million documents), and a look cut off by the timeout is sent again while Azurite still works on it.
/// </param>
internal sealed class TableSet(TableServiceClient service, AzureStorageOptions options, TableServiceClient? scans = null)
{
    /// <summary>The storage options the tables were named with (also the adapter's cache bounds).</summary>
    public AzureStorageOptions Options => options;

    /// <remarks>
    /// Everything of a document shares this table and its dealer's partition — the document row, its payload and key
    /// rows, and the rows that come and go (change-feed marker, work rows, journals) — because an entity-group
    /// transaction spans one table and one partition, and the key claim, the marker and the work must commit with the
    /// document or not at all. What that costs on Azurite (measured, tests/Dms.Bench/results/csv14): LokiJS keeps a table
    /// as one collection with sorted indexes on PartitionKey and RowKey, and every update or delete walks them, so with
    /// 100,000 / 200,000 rows in the table a delete costs ≈ 0.6 / 0.8 ms more than in a table of 1,000 rows and a merge
    /// ≈ 0.4–0.6 ms more, while a point read does not grow. A 100,000-row RDR file leaves ≈ 316,000 rows here, so its
    /// deliveries' merges and the projector's marker deletes get dearer as it goes. The transient rows in a small table of
    /// their own would bound that only by giving up the one transaction (a marker or work row written apart from its
    /// document can be lost in a crash, or outlive a commit that failed), and rolling this table by time would lose the
    /// lookup of a document by dealer and number; on Azure an update or delete costs the same in any table size.
    /// Two changes would keep the one transaction and still cut the rows a file churns here: one change-feed row per
    /// commit group (a bulk intake or a slice's deliveries already commit ≈ 20–25 documents per transaction), written
    /// once and deleted once, instead of a marker per document inserted, merged and deleted; and a new document's first
    /// payload in a row the commit writes anyway. Their ceiling together (the file's documents with neither payload rows
    /// nor markers), measured before building either (tests/Dms.Bench/results/csv15): a 100,000-row file at 1.30 × REST
    /// instead of ≈ 1.1 — the documents table's share of the file's last quarter 3.2 → 1.0 ms a row — still short of
    /// issue 12's 1.5 ×, so neither was built.
    /// <para>
    /// A table per shard since session 19 (<see cref="DocumentTableLayout.PerShard"/>): each holds one partition, the
    /// same rows as before, so the transaction is unchanged, and a range query — a dealer's mailbox, a dealer's
    /// documents, the sweeps — walks a sixteenth of the rows on Azurite (a dealer's mailbox at a million documents:
    /// ≈ 200 ms of Azurite CPU in one table). A store written before keeps its one table (<see cref="DocumentTableLayout.OneTable"/>).
    /// </para>
    /// </remarks>
    public TableClient DocumentsIn(string shard) => _documents[shard].Requests;

    /// <summary>The documents table of the dealer's shard.</summary>
    public TableClient DocumentsOf(string dealerCode) => DocumentsIn(ShardOf(dealerCode));

    /// <summary>One row of the dealer's partition by key, or none (the shard worked out once).</summary>
    public async Task<TableEntity?> ReadDocumentRowAsync(string dealerCode, string rowKey, CancellationToken cancellationToken)
    {
        var shard = ShardOf(dealerCode);
        var row = await DocumentsIn(shard).GetEntityIfExistsAsync<TableEntity>(shard, rowKey, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>The shard's documents table for background range queries (see the <c>scans</c> parameter).</summary>
    public TableClient DocumentScansIn(string shard) => _documents[shard].Scans;

    /// <summary>The documents tables of this layout (one, or one per shard: <c>documents000</c>, <c>documents001</c>, …).</summary>
    public IReadOnlyList<TableClient> DocumentTables => [.. _documents.Values.Select(d => d.Requests).DistinctBy(t => t.Name)];

    /// <summary>The one documents table of <see cref="DocumentTableLayout.OneTable"/> (checked for rows at start-up under <see cref="DocumentTableLayout.PerShard"/>).</summary>
    public TableClient SingleDocuments { get; } = service.GetTableClient(options.TablePrefix + "documents");

    private readonly Dictionary<string, (TableClient Requests, TableClient Scans)> _documents = Enumerable.Range(0, options.ShardCount).ToDictionary(
        ShardName,
        i =>
        {
            var name = options.TablePrefix + "documents" + (options.DocumentTables == DocumentTableLayout.OneTable ? "" : i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
            return (service.GetTableClient(name), (scans ?? service).GetTableClient(name));
        },
        StringComparer.Ordinal);

    public TableClient Reservations { get; } = service.GetTableClient(options.TablePrefix + "reservations");

    public TableClient Dealers { get; } = service.GetTableClient(options.TablePrefix + "dealers");

    public TableClient Credentials { get; } = service.GetTableClient(options.TablePrefix + "credentials");

    public TableClient Nonces { get; } = service.GetTableClient(options.TablePrefix + "nonces");

    public TableClient SalesRollups { get; } = service.GetTableClient(options.TablePrefix + "salesrollups");

    public TableClient ReportSlots { get; } = service.GetTableClient(options.TablePrefix + "reportslots");

    public TableClient Batches { get; } = service.GetTableClient(options.TablePrefix + "batches");

    public TableClient Alerts { get; } = service.GetTableClient(options.TablePrefix + "alerts");

    /// <summary>The business-key index (console search), in key buckets (the table before them, <c>insightskeys</c>, is no longer read).</summary>
    public TableClient SearchKeys { get; } = service.GetTableClient(options.TablePrefix + "insightssearch");

    /// <summary>Counters, projection receipts and the projector's lease, in one partition.</summary>
    public TableClient Counters { get; } = service.GetTableClient(options.TablePrefix + "insightscounts");

    /// <summary>A copy of the dealers' health rows and gauges, which the dealer list reads (Insights.CounterMirror).</summary>
    public TableClient DealerCounters { get; } = service.GetTableClient(options.TablePrefix + "insightsdealercounts");

    /// <summary>
    /// A copy of one scope's counter rows of one month (everyone, a region or a district; hours, days, weeks — see
    /// Insights.CounterMirror), which counts over hours and days read: named <c>scopecounts</c>, the month, then 10 hex digits
    /// of the SHA-256 of the scope as its row keys write it.
    /// </summary>
    public TableClient ScopeCounters(string scope, string month) =>
        service.GetTableClient(ScopeCountersPrefix + month + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(scope)).AsSpan(0, 5)));

    /// <summary>The start of every scope copy table's name.</summary>
    public string ScopeCountersPrefix => options.TablePrefix + "scopecounts";

    /// <summary>The table service (for the tables named by time or scope, listed by their prefix).</summary>
    public TableServiceClient Service => service;

    /// <summary>
    /// One open set's table (undelivered, awaiting the OEM, failures): a table each, because Azurite answers a range
    /// query by scanning the whole table — reading the failures must not walk every undelivered document too.
    /// </summary>
    public TableClient OpenSet(string set) => service.GetTableClient(options.TablePrefix + "insightsopen" + set);

    /// <summary>The audit trail of operator and admin actions.</summary>
    public TableClient Audit { get; } = service.GetTableClient(options.TablePrefix + "audit");

    /// <summary>Console work: replay jobs and their items, notes, assignments, archived failures, alert snoozes.</summary>
    public TableClient Console { get; } = service.GetTableClient(options.TablePrefix + "console");

    public TableClient Inventory { get; } = service.GetTableClient(options.TablePrefix + "partsinventory");

    public IEnumerable<TableClient> All => [.. DocumentTables, Reservations, Dealers, Credentials, Nonces, SalesRollups, ReportSlots, Batches, Alerts, Inventory, SearchKeys, Counters, DealerCounters,
        OpenSet(Hub.Insights.OpenEntry.Undelivered), OpenSet(Hub.Insights.OpenEntry.AwaitingAck), OpenSet(Hub.Insights.OpenEntry.Failures), Audit, Console];

    /// <summary>
    /// The listing table of six UTC hours (created on first use; the table holding <paramref name="at"/>, see
    /// Insights.ListingCursor.Floor): a whole table to drop when it ages out. Six hours, not a day, so a listing query reads a
    /// table bounded by the rate of six hours (Azurite scans and sorts the whole table for every query: a day's table
    /// at a million documents a month held 67,000 rows).
    /// </summary>
    public TableClient Listing(DateTimeOffset at) =>
        service.GetTableClient(options.TablePrefix + "list" + Insights.ListingCursor.Floor(at).UtcDateTime.ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// One dealer's listing rows of the week starting <paramref name="weekStart"/> (Insights.ListingLayout.WeekOf): what a
    /// filter by dealer reads instead of every six-hour table of all dealers. Named <c>listd</c>, date, code — the date
    /// has a fixed length, so no two dealers' weeks share a name.
    /// </summary>
    public TableClient DealerListing(string dealerCode, DateTimeOffset weekStart) =>
        service.GetTableClient(options.TablePrefix + "listd" + weekStart.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + dealerCode);

    /// <summary>
    /// One region's listing rows of six hours (the six-hour table's start, as <see cref="Listing"/>): what a filter by
    /// region — a regional manager's every list — reads instead of the six-hour table of all regions. Named <c>listr</c>,
    /// the six hours, then <see cref="RegionKey"/> (region names are free text; the key has a fixed length).
    /// </summary>
    public TableClient RegionListing(string region, DateTimeOffset at) =>
        service.GetTableClient(RegionListingPrefix + Insights.ListingCursor.Floor(at).UtcDateTime.ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture) + RegionKey(region));

    /// <summary>The start of every region listing table's name.</summary>
    public string RegionListingPrefix => options.TablePrefix + "listr";

    /// <summary>
    /// A region's part of a table name: 10 hex digits of the SHA-256 of its upper-case name. Regions that differ only
    /// in case share a table (a regional manager's scope compares them so); two regions sharing a table by a hash
    /// collision would only cost reading — every region query also filters on the region column.
    /// </summary>
    public static string RegionKey(string region) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(region.ToUpperInvariant())).AsSpan(0, 5));

    public IEnumerable<string> Shards => Enumerable.Range(0, options.ShardCount).Select(ShardName);

    /// <summary>A dealer's partition: everything of one dealer shares it, so one change is one atomic batch.</summary>
    public string ShardOf(string dealerCode)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(dealerCode));
        return ShardName((int)(BitConverter.ToUInt32(hash, 0) % (uint)options.ShardCount));
    }

    private static string ShardName(int index) => "s" + index.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
}
