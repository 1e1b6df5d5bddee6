using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Dms.Hub.Insights;

namespace Dms.Adapters.AzureStorage.Internal.Insights;

/// <summary>
/// The business-key index as posting rows: one row per key (partition = first hex digit of the key's hash, row = the
/// hash), one property per document (<c>t_{trackingId}</c> = <c>{type}|{kinds}</c>). A key with more documents than
/// a row holds continues in numbered pages the head row counts. A lookup is one point read (plus its pages).
/// </summary>
/// <remarks>
/// Writing (the projector) costs a transaction per partition, not a read and a write per key: each key is planned on
/// its rows as this process last wrote them, or — a key it has never seen, only gaining references — as new (most
/// keys are: numbers, correlation IDs), and the plans of one partition are written together. Every write is
/// conditional (an ETag, or an insert), so a copy another process made stale, or a key that existed after all, fails
/// its transaction; that key is left out, read and written on its own, and the rest go again.
/// </remarks>
internal sealed class TableSearchIndex(TableSet tables) : ISearchIndex
{
    internal const int RefsPerRow = 200;
    private const int Attempts = 5;
    private const int MaxCachedKeys = 20_000;
    private const int MaxOperations = 100;
    private readonly ConcurrentDictionary<string, List<(TableEntity Entity, ETag ETag)>> _written = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<IndexRef>> FindAsync(string normalizedKey, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(normalizedKey, cancellationToken);
        return rows.SelectMany(r => PostingRow.Refs(r.Entity)).ToList();
    }

    public async Task ApplyAsync(IReadOnlyList<IndexChange> changes, CancellationToken cancellationToken)
    {
        var keys = changes.GroupBy(c => c.NormalizedKey, StringComparer.Ordinal).Select(g => new KeyChanges(g.Key, g.ToList())).ToList();
        var known = keys.Where(k => _written.ContainsKey(k.Key) || k.Changes.All(c => !c.Remove)).ToList();
        var failed = new ConcurrentBag<KeyChanges>();
        await Task.WhenAll(known.Select(Plan).Where(p => p.Writes.Count > 0).GroupBy(p => p.Partition, StringComparer.Ordinal)
            .Select(async partition =>
            {
                foreach (var chunk in Chunks(partition))
                {
                    await WriteTogetherAsync(chunk, failed, cancellationToken);
                }
            }));

        // Keys losing references whose rows are not known here, and keys whose plan failed: read, planned, written.
        using var gate = new SemaphoreSlim(16);
        await Task.WhenAll(keys.Except(known).Concat(failed).Select(async key =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                await ApplyAloneAsync(key, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    private KeyPlan Plan(KeyChanges key)
    {
        var rows = _written.TryGetValue(key.Key, out var known) ? known : [];
        return new KeyPlan(key, Partition(key.Key), rows, PostingRow.Plan(Partition(key.Key), Row(key.Key), rows, key.Changes, RefsPerRow));
    }

    private static IEnumerable<List<KeyPlan>> Chunks(IEnumerable<KeyPlan> plans)
    {
        var chunk = new List<KeyPlan>();
        foreach (var plan in plans)
        {
            if (chunk.Count > 0 && chunk.Sum(p => p.Writes.Count) + plan.Writes.Count > MaxOperations)
            {
                yield return chunk;
                chunk = [];
            }

            chunk.Add(plan);
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    private async Task WriteTogetherAsync(List<KeyPlan> plans, ConcurrentBag<KeyChanges> failed, CancellationToken cancellationToken)
    {
        while (plans.Count > 0)
        {
            var actions = plans.SelectMany(p => p.Writes.Select(Action)).ToList();
            try
            {
                var response = await tables.SearchKeys.SubmitTransactionAsync(actions, cancellationToken);
                var index = 0;
                foreach (var plan in plans)
                {
                    var written = new List<(TableEntity, ETag?)>();
                    foreach (var write in plan.Writes)
                    {
                        written.Add((write.Entity, write.Delete ? null : response.Value[index].Headers.ETag!.Value));
                        index++;
                    }

                    Remember(plan.Key.Key, plan.Rows, written);
                }

                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412 && ex.FailedTransactionActionIndex is { } at && at < actions.Count)
            {
                var owner = OwnerOf(plans, at);
                _written.TryRemove(owner.Key.Key, out _);
                failed.Add(owner.Key);
                plans.Remove(owner);
            }
            catch
            {
                plans.ForEach(p => _written.TryRemove(p.Key.Key, out _));
                throw;
            }
        }
    }

    /// <summary>The plan whose writes include the transaction's <paramref name="action"/>-th operation.</summary>
    private static KeyPlan OwnerOf(List<KeyPlan> plans, int action)
    {
        foreach (var plan in plans)
        {
            if (action < plan.Writes.Count)
            {
                return plan;
            }

            action -= plan.Writes.Count;
        }

        throw new InvalidOperationException("No plan holds that operation.");
    }

    private async Task ApplyAloneAsync(KeyChanges key, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var rows = await ReadAsync(key.Key, cancellationToken);
            var plan = PostingRow.Plan(Partition(key.Key), Row(key.Key), rows, key.Changes, RefsPerRow);
            try
            {
                var written = new List<(TableEntity, ETag?)>();
                foreach (var write in plan)
                {
                    written.Add((write.Entity, await WriteAsync(write.Entity, write.ETag, write.Delete, cancellationToken)));
                }

                Remember(key.Key, rows, written);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < Attempts)
            {
                // Someone changed the key's rows meanwhile (another projector before its lease lapsed): read again.
                _written.TryRemove(key.Key, out _);
            }
            catch
            {
                _written.TryRemove(key.Key, out _);
                throw;
            }
        }
    }

    /// <summary>The key's rows after <paramref name="writes"/> (a null ETag: deleted), kept for its next change.</summary>
    private void Remember(string key, IReadOnlyList<(TableEntity Entity, ETag ETag)> before, IReadOnlyList<(TableEntity Entity, ETag? ETag)> writes)
    {
        var rows = before.ToDictionary(r => r.Entity.RowKey, StringComparer.Ordinal);
        foreach (var (entity, etag) in writes)
        {
            if (etag is { } stored)
            {
                rows[entity.RowKey] = (entity, stored);
            }
            else
            {
                rows.Remove(entity.RowKey);
            }
        }

        if (rows.Count == 0)
        {
            _written.TryRemove(key, out _);
            return;
        }

        if (_written.Count >= MaxCachedKeys)
        {
            _written.Clear();
        }

        // Head first, then its pages in order (as a read returns them).
        _written[key] = [.. rows.Values.OrderBy(r => r.Entity.RowKey.Length).ThenBy(r => r.Entity.RowKey, StringComparer.Ordinal)];
    }

    private static TableTransactionAction Action((TableEntity Entity, ETag? ETag, bool Delete) write) => write switch
    {
        { Delete: true } => new(TableTransactionActionType.Delete, write.Entity, write.ETag ?? ETag.All),
        { ETag: { } current } => new(TableTransactionActionType.UpdateReplace, write.Entity, current),
        _ => new(TableTransactionActionType.Add, write.Entity),
    };

    /// <summary>Writes one row; its new ETag, or null when it was deleted.</summary>
    private async Task<ETag?> WriteAsync(TableEntity entity, ETag? etag, bool delete, CancellationToken cancellationToken)
    {
        if (delete)
        {
            using var deleted = await tables.SearchKeys.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, etag ?? ETag.All, cancellationToken);
            return null;
        }

        var response = etag is { } current
            ? await tables.SearchKeys.UpdateEntityAsync(entity, current, TableUpdateMode.Replace, cancellationToken)
            : await tables.SearchKeys.AddEntityAsync(entity, cancellationToken);
        return response.Headers.ETag!.Value;
    }

    private async Task<List<(TableEntity Entity, ETag ETag)>> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var (partition, row) = (Partition(key), Row(key));
        var head = await tables.SearchKeys.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
        if (!head.HasValue)
        {
            return [];
        }

        var rows = new List<(TableEntity, ETag)> { (head.Value!, head.Value!.ETag) };
        var pages = head.Value!.GetInt32(PostingRow.PagesProperty) ?? 0;
        var more = await Task.WhenAll(Enumerable.Range(1, pages).Select(n =>
            tables.SearchKeys.GetEntityIfExistsAsync<TableEntity>(partition, PostingRow.PageKey(row, n), cancellationToken: cancellationToken)));
        rows.AddRange(more.Where(r => r.HasValue).Select(r => (r.Value!, r.Value!.ETag)));
        return rows;
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    // Sixteen partitions: few enough that a projector cycle's keys share transactions, many enough to spread the load.
    internal static string Partition(string key) => "k" + Hash(key)[..1];

    /// <summary>
    /// The first 128 bits of the key's hash: as unique as the whole hash for any number of keys a store holds, and half
    /// the text in the row key Azurite keeps several times per row (the index held 1,251 bytes a row on its heap).
    /// </summary>
    internal static string Row(string key) => Hash(key)[..32];

    private sealed record KeyChanges(string Key, IReadOnlyList<IndexChange> Changes);

    private sealed record KeyPlan(KeyChanges Key, string Partition, IReadOnlyList<(TableEntity Entity, ETag ETag)> Rows, List<(TableEntity Entity, ETag? ETag, bool Delete)> Writes);
}
