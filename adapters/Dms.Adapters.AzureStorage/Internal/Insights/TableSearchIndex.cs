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
/// </summary>
internal sealed class TableSearchIndex(TableSet tables) : ISearchIndex
{
    internal const int RefsPerRow = 200;
    private const int Attempts = 5;

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
            var rows = await ReadAsync(key, cancellationToken);
            var plan = PostingRow.Plan(Partition(key), Row(key), key, rows, changes, RefsPerRow);
            try
            {
                foreach (var (entity, etag, delete) in plan)
                {
                    await WriteAsync(entity, etag, delete, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < Attempts)
            {
                // Someone changed the key's rows meanwhile (another projector before its lease lapsed): read again.
            }
        }
    }

    private async Task WriteAsync(TableEntity entity, ETag? etag, bool delete, CancellationToken cancellationToken)
    {
        if (delete)
        {
            await tables.SearchKeys.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, etag ?? ETag.All, cancellationToken);
        }
        else if (etag is { } current)
        {
            await tables.SearchKeys.UpdateEntityAsync(entity, current, TableUpdateMode.Replace, cancellationToken);
        }
        else
        {
            await tables.SearchKeys.AddEntityAsync(entity, cancellationToken);
        }
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

    internal static string Partition(string key) => "k" + Hash(key)[..2];

    internal static string Row(string key) => Hash(key);
}
