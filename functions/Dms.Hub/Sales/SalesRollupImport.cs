using Microsoft.Extensions.Options;

namespace Dms.Hub.Sales;

/// <summary>
/// Loads the rollups of many documents at once into an empty store (seeding history, rebuilding): contributions and
/// aggregates are summed in memory and written as whole rows in batches, instead of one transaction per document.
/// </summary>
public sealed class SalesRollupImport(ISalesRollupStore store, IOptions<SalesOptions> options)
{
    private const int ContributionChunk = 2000;

    public async Task<int> ImportAsync(IAsyncEnumerable<(string TrackingId, SalesFacts Facts)> documents, CancellationToken cancellationToken)
    {
        var shards = options.Value.Shards;
        var rows = Enumerable.Range(0, shards).Select(_ => new Dictionary<string, Dictionary<string, long[]>>(StringComparer.Ordinal)).ToArray();
        var pending = Enumerable.Range(0, shards).Select(_ => new List<(string, SalesContribution)>()).ToArray();
        var writes = new List<Task>();
        var count = 0;
        await foreach (var (trackingId, facts) in documents.WithCancellation(cancellationToken))
        {
            var shard = SalesShards.Of(trackingId, shards);
            var contribution = facts.ToContribution(null);
            pending[shard].Add((trackingId, contribution));
            foreach (var key in contribution.RowKeys())
            {
                if (!rows[shard].TryGetValue(key, out var cells))
                {
                    rows[shard][key] = cells = new Dictionary<string, long[]>(StringComparer.Ordinal);
                }

                if (!cells.TryGetValue(contribution.Cell, out var vector))
                {
                    cells[contribution.Cell] = vector = SalesVector.Empty();
                }

                SalesVector.Add(vector, contribution.Vector);
            }

            count++;
            if (pending[shard].Count >= ContributionChunk)
            {
                writes.Add(store.ImportAsync(shard, pending[shard], [], cancellationToken));
                pending[shard] = [];
                if (writes.Count >= shards)
                {
                    await Task.WhenAll(writes);
                    writes.Clear();
                }
            }
        }

        await Task.WhenAll(writes);
        await Task.WhenAll(Enumerable.Range(0, shards).Select(shard => store.ImportAsync(shard, pending[shard],
            rows[shard].Select(r => new SalesRollupRow(r.Key, r.Value, null)).ToList(), cancellationToken)));
        return count;
    }
}
