using Dms.Hub.Notifications;
using Dms.Hub.Workflow;

namespace Dms.Hub.Storage;

/// <summary>Port: the system of record for documents, their keys and the dealers' mailboxes.</summary>
public interface IDocumentStore
{
    /// <summary>Reads a document of <paramref name="dealerCode"/>; null when missing (or another dealer's).</summary>
    Task<DocumentRecord?> GetAsync(string dealerCode, string documentType, string trackingId, CancellationToken cancellationToken);

    /// <summary>The exact bytes received for one content version of a document (audit).</summary>
    Task<RawPayload?> GetPayloadAsync(string dealerCode, string trackingId, int contentVersion, CancellationToken cancellationToken);

    Task<IdempotencyEntry?> GetKeyAsync(string dealerCode, string keyId, CancellationToken cancellationToken);

    /// <summary>Applies <paramref name="changes"/> atomically, or nothing at all.</summary>
    Task<CommitResult> CommitAsync(ChangeSet changes, CancellationToken cancellationToken);

    /// <summary>Throws <see cref="FormatException"/> for a continuation token it did not issue.</summary>
    Task<DocumentPage> ListAsync(DocumentQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyList<Notification>> PeekMailboxAsync(string dealerCode, int maxItems, CancellationToken cancellationToken);

    Task<Notification?> GetNotificationAsync(string dealerCode, string receiptId, CancellationToken cancellationToken);

    /// <summary>Removes acknowledged entries; returns the receipt IDs that were found and removed.</summary>
    Task<IReadOnlyList<string>> AcknowledgeAsync(string dealerCode, IReadOnlyList<string> receiptIds, CancellationToken cancellationToken);
}
