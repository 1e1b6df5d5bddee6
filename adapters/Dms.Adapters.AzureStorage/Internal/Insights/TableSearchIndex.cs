using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Dms.Hub.Insights;

namespace Dms.Adapters.AzureStorage.Internal.Insights;

/// <summary>
/// The business-key index as posting rows: one row per key (partition = first byte of the key's hash, row = the
/// hash), one property per document (<c>t_{trackingId}</c> = <c>{type}|{kinds}</c>). A key with more documents than
/// a row holds continues in numbered pages the head row counts. A lookup is one point read (plus its pages).
/// Writing (the projector) keeps each key's rows as it last wrote them and plans on that copy; a key it has never seen
/// is first tried as new (an insert, as most keys are: numbers, correlation IDs). Every write is conditional (an ETag,
/// or an insert), so a copy another process made stale, or a key that existed after all, costs a read and a retry.
/// </summary>
internal sealed class TableSearchIndex(TableSet tables) : ISearchIndex
{
    private const int RefsPerRow = 200;
    private const int Attempts = 5;
    private const int MaxCachedKeys = 20_000;
    private readonly ConcurrentDictionary<string, List<(TableEntity Entity, ETag ETag)>> _written = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<IndexRef>> FindAsync(string normalizedKey, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(normalizedKey, cancellationToken);
        return rows.SelectMany(r => PostingRow.Refs(r.Entity)).ToList();
    }

    public async Task ApplyAsync(IReadOnlyList<IndexChange> changes, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(16);
        await Task.WhenAll(changes.GroupBy(c => c.NormalizedKey, StringComparer.Ordinal).Select(async key =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                await ApplyAsync(key.Key, key.ToList(), cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    private async Task ApplyAsync(string key, IReadOnlyList<IndexChange> changes, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            // First attempt: the rows as last written here, or — when only adding — none (a new key is one insert).
            var rows = attempt == 0 && _written.TryGetValue(key, out var known) ? known
                : attempt == 0 && changes.All(c => !c.Remove) ? []
                : await ReadAsync(key, cancellationToken);
            var plan = PostingRow.Plan(Partition(key), Row(key), key, rows, changes, RefsPerRow);
            try
            {
                var written = rows.ToDictionary(r => r.Entity.RowKey, StringComparer.Ordinal);
                foreach (var (entity, etag, delete) in plan)
                {
                    if (await WriteAsync(entity, etag, delete, cancellationToken) is { } stored)
                    {
                        written[entity.RowKey] = (entity, stored);
                    }
                    else
                    {
                        written.Remove(entity.RowKey);
                    }
                }

                Remember(key, written.Count == 0 ? null : [.. written.Values.OrderBy(r => r.Entity.RowKey.Length).ThenBy(r => r.Entity.RowKey, StringComparer.Ordinal)]);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < Attempts)
            {
                // Someone changed the key's rows meanwhile (another projector before its lease lapsed), or the key
                // existed after all: read again.
                _written.TryRemove(key, out _);
            }
            catch
            {
                _written.TryRemove(key, out _);
                throw;
            }
        }
    }

    private void Remember(string key, List<(TableEntity Entity, ETag ETag)>? rows)
    {
        if (rows is null)
        {
            _written.TryRemove(key, out _);
            return;
        }

        if (_written.Count >= MaxCachedKeys)
        {
            _written.Clear();
        }

        _written[key] = rows;
    }

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

    private static string Partition(string key) => "k" + Hash(key)[..2];

    private static string Row(string key) => Hash(key);
}
