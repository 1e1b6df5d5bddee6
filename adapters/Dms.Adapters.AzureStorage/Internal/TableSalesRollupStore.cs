using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Dms.Hub.Sales;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>
/// The sales rollups: one partition per shard (<c>s000</c> …) holding contributions (<c>c|{trackingId}</c>) and
/// aggregate rows (<c>m|…</c>, <c>d|…</c>, their cells as chunked JSON) and its version (<c>v</c>, merged by every
/// commit and import: its ETag is the version). Only point reads and single-partition transactions: never a range
/// query, which Azurite answers in time proportional to the whole table.
/// </summary>
internal sealed class TableSalesRollupStore(TableSet tables) : ISalesRollupStore
{
    private const int BatchSize = 100;

    public async Task<IReadOnlyDictionary<string, StoredContribution>> GetContributionsAsync(int shard, IReadOnlyCollection<string> trackingIds, CancellationToken cancellationToken)
    {
        var partition = Partition(shard);
        var found = await Task.WhenAll(trackingIds.Select(async id =>
        {
            var row = await tables.SalesRollups.GetEntityIfExistsAsync<TableEntity>(partition, SalesRowKeys.Contribution(id), cancellationToken: cancellationToken);
            return (Id: id, Row: row.HasValue ? row.Value : null);
        }));
        return found.Where(f => f.Row is not null).ToDictionary(f => f.Id, f => new StoredContribution(ContributionFrom(f.Row!), f.Row!.ETag.ToString()), StringComparer.Ordinal);
    }

    public async Task<SalesRollupRow> GetRowAsync(int shard, string key, CancellationToken cancellationToken)
    {
        var row = await tables.SalesRollups.GetEntityIfExistsAsync<TableEntity>(Partition(shard), key, cancellationToken: cancellationToken);
        return row.HasValue
            ? new SalesRollupRow(key, JsonSerializer.Deserialize<Dictionary<string, long[]>>(BinaryChunks.Read(row.Value!, "Cells"))!, row.Value!.ETag.ToString())
            : SalesRollupRow.Empty(key);
    }

    public async Task<string> GetVersionAsync(int shard, CancellationToken cancellationToken)
    {
        var row = await tables.SalesRollups.GetEntityIfExistsAsync<TableEntity>(Partition(shard), SalesRowKeys.Version, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.ETag.ToString() : "";
    }

    public async Task<SalesCommit?> CommitAsync(int shard, IReadOnlyList<ContributionChange> contributions, IReadOnlyList<SalesRollupRow> rows, CancellationToken cancellationToken)
    {
        if (contributions.Count + rows.Count > ISalesRollupStore.MaxCommitted)
        {
            throw new ArgumentException($"A rollup commit holds at most {ISalesRollupStore.MaxCommitted} contributions and rows.", nameof(rows));
        }

        var partition = Partition(shard);
        var actions = contributions.Select(c => Write(ContributionEntity(partition, c.TrackingId, c.Value), c.ETag))
            .Concat(rows.Select(r => Write(RowEntity(partition, r), r.ETag)))
            .Append(NewVersion(partition))
            .ToList();
        try
        {
            var response = await tables.SalesRollups.SubmitTransactionAsync(actions, cancellationToken);
            var etags = rows.Select((row, i) => (row.Key, ETag: response.Value[contributions.Count + i].Headers.ETag!.Value.ToString()))
                .ToDictionary(r => r.Key, r => r.ETag, StringComparer.Ordinal);
            return new SalesCommit(etags, response.Value[^1].Headers.ETag!.Value.ToString());
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            return null;
        }
    }

    public async Task ImportAsync(int shard, IReadOnlyList<(string TrackingId, SalesContribution Value)> contributions, IReadOnlyList<SalesRollupRow> rows, CancellationToken cancellationToken)
    {
        var partition = Partition(shard);
        var entities = contributions.Select(c => ContributionEntity(partition, c.TrackingId, c.Value)).Concat(rows.Select(r => RowEntity(partition, r)));
        foreach (var chunk in entities.Chunk(BatchSize))
        {
            await tables.SalesRollups.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);
        }

        await tables.SalesRollups.SubmitTransactionAsync([NewVersion(partition)], cancellationToken);
    }

    // No ETag: writers of a shard never conflict over its version (their rows' ETags decide); any write moves it on.
    private static TableTransactionAction NewVersion(string partition) =>
        new(TableTransactionActionType.UpsertMerge, new TableEntity(partition, SalesRowKeys.Version) { ["Written"] = DateTimeOffset.UtcNow });

    private static string Partition(int shard) => "s" + shard.ToString("D3", CultureInfo.InvariantCulture);

    // An update is a merge under the ETag, not a replace: a contribution writes all its columns every time, and a
    // row's cells are read through their chunk count (BinaryChunks), so chunks beyond it, left by a merge after the
    // cells shrank, are never read. Azurite replaces by a remove and an insert, and a remove walks the whole table's
    // key indexes (this table gains a contribution per RDR); a merge updates in place. On Azure both are one operation.
    private static TableTransactionAction Write(TableEntity entity, string? etag) => etag is null
        ? new TableTransactionAction(TableTransactionActionType.Add, entity)
        : new TableTransactionAction(TableTransactionActionType.UpdateMerge, entity, new ETag(etag));

    private static TableEntity ContributionEntity(string partition, string trackingId, SalesContribution c) => new(partition, SalesRowKeys.Contribution(trackingId))
    {
        ["Cell"] = c.Cell,
        ["Sale"] = c.SaleDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Delivery"] = c.DeliveryDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Vector"] = string.Join(',', c.Vector),
        ["Revision"] = c.Revision,
    };

    private static SalesContribution ContributionFrom(TableEntity e) => new(
        e.GetString("Cell"),
        DateOnly.ParseExact(e.GetString("Sale"), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateOnly.ParseExact(e.GetString("Delivery"), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        e.GetString("Vector").Split(',').Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray(),
        e.GetInt32("Revision") ?? 0);

    private static TableEntity RowEntity(string partition, SalesRollupRow row)
    {
        var entity = new TableEntity(partition, row.Key);
        BinaryChunks.Write(entity, "Cells", JsonSerializer.SerializeToUtf8Bytes(row.Cells));
        return entity;
    }
}
