using Azure;
using Azure.Data.Tables;
using Dms.Hub.Insights;

namespace Dms.Adapters.AzureStorage.Internal.Insights;

/// <summary>
/// Counts documents' deltas exactly once: each transaction updates counter rows (read, changed, replaced under their
/// ETags) together with the receipts of the documents whose deltas they carry, which it removes (under their ETags):
/// the projection is then complete, its listing row already written. Documents
/// share a transaction while their rows fit (≤ 100 operations); a document needing more rows than one transaction holds
/// is counted in parts, its receipt recording the rows done, so a crash between parts never counts a row twice.
/// Counter rows are kept as last written (<see cref="CounterRowCache"/>): the projector is their one writer while it
/// holds its lease, so a row is read only the first time; a stale copy fails its ETag and is read again. The dealers'
/// health rows and gauges and the scopes' hours and days among them are kept, once committed, for their copies in tables of their own (<see cref="CounterMirror"/>).
/// </summary>
internal sealed class CounterTransactions(TableClient table, CounterRowCache cache, CounterMirror mirror)
{
    private const int MaxOperations = 100;
    private const int Attempts = 8;

    public async Task<IReadOnlyList<ProjectionReceipt>> CountAsync(IReadOnlyList<(ProjectionReceipt Receipt, IReadOnlyList<CounterDelta> Deltas)> changes, CancellationToken cancellationToken)
    {
        var done = new List<ProjectionReceipt>();
        var group = new List<Change>();
        var rows = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in changes.Select(c => new Change(c.Receipt, ByRow(c.Deltas))))
        {
            if (change.Rows.Count + 1 > MaxOperations)
            {
                done.Add(await CountInPartsAsync(change, cancellationToken));
                continue;
            }

            if (rows.Count + change.Rows.Keys.Count(k => !rows.Contains(k)) + group.Count + 1 > MaxOperations)
            {
                done.AddRange(await CommitAsync(group, cancellationToken));
                (group, rows) = ([], new HashSet<string>(StringComparer.Ordinal));
            }

            group.Add(change);
            rows.UnionWith(change.Rows.Keys);
        }

        if (group.Count > 0)
        {
            done.AddRange(await CommitAsync(group, cancellationToken));
        }

        return done;
    }

    private async Task<ProjectionReceipt> CountInPartsAsync(Change change, CancellationToken cancellationToken)
    {
        var applied = new List<string>(change.Receipt.Partial ?? []);
        var receipt = change.Receipt;
        var remaining = change.Rows.Keys.Where(k => !applied.Contains(k)).Order(StringComparer.Ordinal).ToList();
        foreach (var part in remaining.Chunk(MaxOperations - 1))
        {
            applied.AddRange(part);
            var last = applied.Count >= change.Rows.Count;
            var partial = new Change(receipt, part.ToDictionary(k => k, k => change.Rows[k], StringComparer.Ordinal));
            receipt = (await CommitAsync([partial], cancellationToken, last ? [] : applied)).Single();
        }

        return receipt with { Partial = null };
    }

    private async Task<IReadOnlyList<ProjectionReceipt>> CommitAsync(List<Change> group, CancellationToken cancellationToken, IReadOnlyList<string>? progress = null)
    {
        var deltas = group.SelectMany(c => c.Rows).GroupBy(r => r.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Sum(g.Select(r => r.Value)), StringComparer.Ordinal);
        for (var attempt = 1; ; attempt++)
        {
            // Unknown rows are read, or taken as new without a read while misses have been new rows (CounterRowCache);
            // a retry always reads.
            var guess = attempt == 1 && cache.MissesAreNew;
            var known = deltas.Keys.Select(cache.Get).ToList();
            var current = await Task.WhenAll(deltas.Keys.Zip(known, (k, row) => row is not null ? Task.FromResult(row)
                : guess ? Task.FromResult(new CounterRowCache.Row(null)) : ReadAsync(k, cancellationToken)));
            if (!guess && known.Any(row => row is null))
            {
                cache.MissesAreNew = known.Zip(current).All(p => p.First is not null || p.Second.Entity is null);
            }

            var actions = deltas.Keys.Zip(current, (key, row) => Apply(key, row.Entity, deltas[key])).ToList();
            var receipts = group.Select(c => c.Receipt).ToList();
            var final = progress is not { Count: > 0 };
            actions.AddRange(receipts.Select(r => final
                ? new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(CounterRows.Partition, CounterRows.ReceiptKey(r.TrackingId)), new ETag(r.ETag!))
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, ReceiptRows.ToEntity(r, progress!), new ETag(r.ETag!))));
            IReadOnlyList<ProjectionReceipt> counted;
            try
            {
                var response = await table.SubmitTransactionAsync(actions, cancellationToken);
                var offset = deltas.Count;
                for (var i = 0; i < offset; i++)
                {
                    cache.Put(actions[i].Entity.RowKey, (TableEntity)actions[i].Entity, response.Value[i].Headers.ETag!.Value);
                }

                counted = receipts.Select((r, i) => final
                    ? r with { Counted = r.Target, ETag = null, Partial = null }
                    : r with { ETag = response.Value[offset + i].Headers.ETag!.Value.ToString(), Partial = progress }).ToList();
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && ex.FailedTransactionActionIndex < deltas.Count && attempt < Attempts)
            {
                // A counter row changed since it was read (only while another projector's lease lapses), or a row taken
                // as new exists: read again, and stop taking unknown rows as new until reads find only new ones.
                cache.Forget(deltas.Keys);
                cache.MissesAreNew &= !guess;
                continue;
            }
            catch
            {
                cache.Forget(deltas.Keys);
                throw;
            }

            // Committed: the dealers' rows among them are kept for their copy, written per interval (TableCounterStore.CountAsync).
            mirror.Stage(actions.Take(deltas.Count).Select(a => (TableEntity)a.Entity));
            return counted;
        }
    }

    private async Task<CounterRowCache.Row> ReadAsync(string rowKey, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(CounterRows.Partition, rowKey, cancellationToken: cancellationToken);
        return new CounterRowCache.Row(row.HasValue ? row.Value : null);
    }

    // The row is a private copy (the cache hands out copies), so it is changed in place.
    private static TableTransactionAction Apply(string rowKey, TableEntity? row, Dictionary<string, long> deltas)
    {
        var entity = row ?? new TableEntity(CounterRows.Partition, rowKey);
        if (!CounterRows.IsFull(entity))
        {
            foreach (var (column, delta) in deltas)
            {
                entity[column] = (entity.TryGetValue(column, out var value) && value is long current ? current : 0) + delta;
            }

            CounterRows.Capped(entity);
        }

        return row is null
            ? new TableTransactionAction(TableTransactionActionType.Add, entity)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, row.ETag);
    }

    private static Dictionary<string, Dictionary<string, long>> ByRow(IReadOnlyList<CounterDelta> deltas) =>
        deltas.GroupBy(d => CounterRows.RowKey(d.Key), StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => g.GroupBy(d => CounterRows.Column(d.Metric), StringComparer.Ordinal).ToDictionary(c => c.Key, c => c.Sum(d => d.Delta), StringComparer.Ordinal),
            StringComparer.Ordinal);

    private static Dictionary<string, long> Sum(IEnumerable<Dictionary<string, long>> rows)
    {
        var sum = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (column, delta) in rows.SelectMany(r => r))
        {
            sum[column] = sum.GetValueOrDefault(column) + delta;
        }

        return sum;
    }

    private sealed record Change(ProjectionReceipt Receipt, Dictionary<string, Dictionary<string, long>> Rows);
}
