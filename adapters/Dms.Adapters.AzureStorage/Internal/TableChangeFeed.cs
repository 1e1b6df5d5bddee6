using Azure;
using Azure.Data.Tables;
using Dms.Hub.Common;
using Dms.Hub.Insights;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>The change feed over the documents table: markers are read per shard, deleted under their ETag.</summary>
internal sealed class TableChangeFeed(TableSet tables) : IChangeFeed
{
    /// <remarks>
    /// One shard after the other, not all at once: each is a range query, which Azure answers from its index in
    /// milliseconds but Azurite by scanning the whole documents table — sixteen at once queued every other request
    /// (intake, leases, completions) behind sixteen whole-table scans.
    /// </remarks>
    public async Task<IReadOnlyList<ChangeMarker>> ScanAsync(int max, CancellationToken cancellationToken)
    {
        var perShard = new List<List<ChangeMarker>>();
        foreach (var shard in tables.Shards)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shard} and RowKey ge {RowKeys.ChangeMarkerStart} and RowKey lt {RowKeys.ChangeMarkerEnd}");
            var found = new List<ChangeMarker>();
            await foreach (var entity in tables.DocumentScansIn(shard).QueryAsync<TableEntity>(filter, Math.Min(max, 1000), cancellationToken: cancellationToken))
            {
                found.Add(ChangeFeedRows.FromEntity(entity));
                if (found.Count >= max)
                {
                    break;
                }
            }

            perShard.Add(found);
        }

        // Take from every shard in turn, so a busy shard cannot starve the others.
        return perShard.SelectMany(list => list.Select((marker, index) => (marker, index))).OrderBy(m => m.index).Select(m => m.marker).Take(max).ToList();
    }

    public async Task<ChangeMarker?> GetAsync(string dealerCode, string trackingId, CancellationToken cancellationToken)
    {
        if (!TrackingIds.TryParse(trackingId, out var owner) || owner != dealerCode)
        {
            return null;
        }

        var row = await tables.ReadDocumentRowAsync(dealerCode, RowKeys.ChangeMarker(trackingId), cancellationToken);
        return row is null ? null : ChangeFeedRows.FromEntity(row);
    }

    public async Task<IReadOnlyList<bool>> CompleteAsync(IReadOnlyList<ChangeMarker> markers, CancellationToken cancellationToken)
    {
        var done = new bool[markers.Count];
        // Newest first (see DeleteAsync): a marker that changed again is most likely one of the newest.
        var shards = Enumerable.Range(0, markers.Count)
            .OrderByDescending(i => TrackingIds.UlidOf(markers[i].TrackingId), StringComparer.Ordinal)
            .GroupBy(i => tables.ShardOf(markers[i].DealerCode), StringComparer.Ordinal);
        await Task.WhenAll(shards.Select(async shard =>
        {
            foreach (var chunk in shard.Chunk(100))
            {
                await DeleteAsync(shard.Key, [.. chunk], markers, done, cancellationToken);
            }
        }));
        return done;
    }

    // One transaction per shard: a marker that changed (its document changed again) fails the whole transaction, so
    // it is left out and the rest go again — each retry leaves out one more. What a failure costs is the deletes
    // before the failed one: applied, rolled back and applied again. On Azurite each of those is a remove from the
    // whole documents table (and a rollback an insert): in a 100,000-row file, where the delivery changes a document's
    // marker moments after the projector read it, oldest-first order made that 2.2 deletes per marker (measured).
    // Markers change again because their document is young (its delivery still to come), so the newest go first: a
    // failure then comes early in the transaction, with little before it to undo.
    private async Task DeleteAsync(string partition, List<int> pending, IReadOnlyList<ChangeMarker> markers, bool[] done, CancellationToken cancellationToken)
    {
        while (pending.Count > 0)
        {
            try
            {
                await tables.DocumentsIn(partition).SubmitTransactionAsync(
                    pending.Select(i => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, RowKeys.ChangeMarker(markers[i].TrackingId)), new ETag(markers[i].ETag))),
                    cancellationToken);
                pending.ForEach(i => done[i] = true);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 404 or 412 && ex.FailedTransactionActionIndex is { } failed && failed < pending.Count)
            {
                pending.RemoveAt(failed);
            }
        }
    }
}
