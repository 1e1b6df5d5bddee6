using Azure;
using Azure.Data.Tables;
using Dms.Hub.Common;
using Dms.Hub.Insights;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>The change feed over the documents table: markers are read per shard, deleted under their ETag.</summary>
internal sealed class TableChangeFeed(TableSet tables) : IChangeFeed
{
    public async Task<IReadOnlyList<ChangeMarker>> ScanAsync(int max, CancellationToken cancellationToken)
    {
        var perShard = await Task.WhenAll(tables.Shards.Select(async shard =>
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shard} and RowKey ge {RowKeys.ChangeMarkerStart} and RowKey lt {RowKeys.ChangeMarkerEnd}");
            var found = new List<ChangeMarker>();
            await foreach (var entity in tables.Documents.QueryAsync<TableEntity>(filter, Math.Min(max, 1000), cancellationToken: cancellationToken))
            {
                found.Add(ChangeFeedRows.FromEntity(entity));
                if (found.Count >= max)
                {
                    break;
                }
            }

            return found;
        }));

        // Take from every shard in turn, so a busy shard cannot starve the others.
        return perShard.SelectMany(list => list.Select((marker, index) => (marker, index))).OrderBy(m => m.index).Select(m => m.marker).Take(max).ToList();
    }

    public async Task<ChangeMarker?> GetAsync(string dealerCode, string trackingId, CancellationToken cancellationToken)
    {
        if (!TrackingIds.TryParse(trackingId, out var owner) || owner != dealerCode)
        {
            return null;
        }

        var row = await tables.Documents.GetEntityIfExistsAsync<TableEntity>(tables.ShardOf(dealerCode), RowKeys.ChangeMarker(trackingId), cancellationToken: cancellationToken);
        return row.HasValue ? ChangeFeedRows.FromEntity(row.Value!) : null;
    }

    public async Task<bool> CompleteAsync(ChangeMarker marker, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await tables.Documents.DeleteEntityAsync(tables.ShardOf(marker.DealerCode), RowKeys.ChangeMarker(marker.TrackingId), new ETag(marker.ETag), cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }
}
