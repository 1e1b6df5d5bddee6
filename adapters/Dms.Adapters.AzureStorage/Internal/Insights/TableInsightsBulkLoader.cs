using System.Collections.Concurrent;
using Azure.Data.Tables;
using Dms.Hub.Insights;

namespace Dms.Adapters.AzureStorage.Internal.Insights;

/// <summary>
/// The read model of bulk-loaded documents in entity-group transactions of up to 100 rows, several at once: listing
/// rows per table (six hours, dealer week) and order, search-key buckets planned on their stored rows (a key already held by another
/// document keeps that reference), open-set entries per set, and counter rows replaced whole.
/// </summary>
internal sealed class TableInsightsBulkLoader(TableSet tables, CounterMirror mirror) : IInsightsBulkLoader
{
    private const int Concurrency = 16;
    private readonly ConcurrentDictionary<string, Task> _created = new(StringComparer.Ordinal);

    public async Task LoadAsync(IReadOnlyList<DocumentFacts> facts, CancellationToken cancellationToken)
    {
        var batches = new List<(TableClient Table, TableTransactionActionType Action, TableEntity[] Rows)>();
        foreach (var group in facts.SelectMany(f => ListingLayout.TablesOf(tables, f).Select(table => (table, f))).GroupBy(x => x.table.Name, StringComparer.Ordinal))
        {
            var table = group.First().table;
            await _created.GetOrAdd(table.Name, _ => table.CreateIfNotExistsAsync(cancellationToken));
            batches.AddRange(Batches(table, TableTransactionActionType.UpsertReplace, group.SelectMany(x => ListingRows.Entities(x.f))));
        }

        foreach (var set in facts.SelectMany(f => f.Open).GroupBy(e => e.Set, StringComparer.Ordinal))
        {
            batches.AddRange(Batches(tables.OpenSet(set.Key), TableTransactionActionType.UpsertReplace, set.Select(TableOpenSetStore.ToEntity)));
        }

        await SubmitAsync(batches, cancellationToken);
    }

    /// <summary>Counter rows replaced whole; those read by range also in their copies (<see cref="CounterMirror"/>).</summary>
    public async Task LoadCountersAsync(IReadOnlyList<CounterDelta> sums, CancellationToken cancellationToken)
    {
        var rows = sums.GroupBy(s => CounterRows.RowKey(s.Key), StringComparer.Ordinal).Select(row =>
        {
            var entity = new TableEntity(CounterRows.Partition, row.Key);
            foreach (var metric in row.GroupBy(s => CounterRows.Column(s.Metric), StringComparer.Ordinal))
            {
                entity[metric.Key] = metric.Sum(s => s.Delta);
            }

            return CounterRows.Capped(entity);
        }).ToList();
        await SubmitAsync([.. Batches(tables.Counters, TableTransactionActionType.UpsertReplace, rows)], cancellationToken);
        await mirror.UpsertAsync(rows, cancellationToken);
    }

    /// <summary>The search-key buckets of every loaded document at once, planned on what each bucket already holds (as the projector would write them).</summary>
    public Task LoadSearchKeysAsync(IReadOnlyList<(string NormalizedKey, IndexRef Ref)> keys, CancellationToken cancellationToken) =>
        new TableSearchIndex(tables).LoadAsync(keys.Select(k => new IndexChange(k.NormalizedKey, k.Ref, Remove: false)).ToList(), cancellationToken);

    private static IEnumerable<(TableClient, TableTransactionActionType, TableEntity[])> Batches(TableClient table, TableTransactionActionType action, IEnumerable<TableEntity> rows) =>
        rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal)
            .SelectMany(partition => partition.DistinctBy(r => r.RowKey, StringComparer.Ordinal).Chunk(100))
            .Select(chunk => (table, action, chunk));

    private static Task SubmitAsync(List<(TableClient Table, TableTransactionActionType Action, TableEntity[] Rows)> batches, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (batch, ct) =>
            await batch.Table.SubmitTransactionAsync(batch.Rows.Select(r => new TableTransactionAction(batch.Action, r)), ct));
}
