using Azure.Data.Tables;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>One page of a filtered query, resumable from an opaque continuation token.</summary>
internal static class TablePages
{
    /// <summary>Throws <see cref="FormatException"/> for a continuation token this store did not issue.</summary>
    public static async Task<(List<T> Items, string? ContinuationToken)> ReadAsync<T>(
        TableClient table, string filter, int pageSize, string? continuationToken, IEnumerable<string>? select, Func<TableEntity, T> map, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        var token = ContinuationTokens.Decode(continuationToken);
        do
        {
            // Ask only for what is still missing, so a page boundary is always a valid place to resume. A page may
            // come back empty with a continuation (STACK.md), hence the loop.
            var pages = table.QueryAsync<TableEntity>(filter, pageSize - items.Count, select, cancellationToken);
            await foreach (var page in pages.AsPages(token, pageSize - items.Count).WithCancellation(cancellationToken))
            {
                items.AddRange(page.Values.Select(map));
                token = page.ContinuationToken;
                break;
            }
        }
        while (token is not null && items.Count < pageSize);

        return (items, ContinuationTokens.Encode(token));
    }
}
