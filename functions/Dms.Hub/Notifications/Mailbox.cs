using Dms.Hub.Storage;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Notifications;

/// <summary>The pull side of notifications: a dealer takes the oldest entries and acknowledges them by receipt ID.</summary>
public sealed class Mailbox(IDocumentStore store, IOptions<NotificationOptions> options)
{
    public int MaxItems => options.Value.MaxPullItems;

    /// <summary>Oldest first; optionally only one document type and entries at or after <paramref name="since"/>.</summary>
    public async Task<IReadOnlyList<Notification>> PullAsync(string dealerCode, int maxItems, string? documentType, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var take = Math.Clamp(maxItems, 1, MaxItems);
        if (documentType is null && since is null)
        {
            return await store.PeekMailboxAsync(dealerCode, take, cancellationToken);
        }

        // Filters are applied over a wider window; a mailbox is expected to be small because dealers acknowledge.
        var window = await store.PeekMailboxAsync(dealerCode, MaxItems * 10, cancellationToken);
        return window
            .Where(n => documentType is null || n.DocumentType == documentType)
            .Where(n => since is null || n.OccurredAt >= since)
            .Take(take)
            .ToList();
    }

    public Task<IReadOnlyList<string>> AcknowledgeAsync(string dealerCode, IReadOnlyList<string> receiptIds, CancellationToken cancellationToken) =>
        store.AcknowledgeAsync(dealerCode, receiptIds.Distinct(StringComparer.Ordinal).Take(MaxItems).ToList(), cancellationToken);
}
