using Azure;
using Azure.Data.Tables;
using Dms.Hub.Common;
using Dms.Hub.Notifications;
using Dms.Hub.Storage;
using Dms.Hub.Workflow;
using Microsoft.Extensions.Logging;

namespace Dms.Adapters.AzureStorage.Internal;

internal sealed partial class TableDocumentStore(TableSet tables, TimeProvider clock, ILogger<TableDocumentStore> logger) : IDocumentStore
{
    public async Task<DocumentRecord?> GetAsync(string dealerCode, string documentType, string trackingId, CancellationToken cancellationToken)
    {
        if (!TrackingIds.TryParse(trackingId, out var owner) || owner != dealerCode)
        {
            return null;
        }

        var row = await tables.ReadDocumentRowAsync(dealerCode, RowKeys.Document(dealerCode, documentType, trackingId), cancellationToken);
        if (row is null)
        {
            return null;
        }

        var document = DocumentRows.FromEntity(row);
        StoredColumns.Remember(document, row, document.ETag);
        return document;
    }

    public async Task<RawPayload?> GetPayloadAsync(string dealerCode, string trackingId, int contentVersion, CancellationToken cancellationToken)
    {
        if (!TrackingIds.TryParse(trackingId, out var owner) || owner != dealerCode)
        {
            return null;
        }

        var row = await tables.ReadDocumentRowAsync(dealerCode, RowKeys.Payload(trackingId, contentVersion), cancellationToken);
        return row is null ? null : DocumentRows.PayloadFromEntity(row);
    }

    public async Task<IdempotencyEntry?> GetKeyAsync(string dealerCode, string keyId, CancellationToken cancellationToken)
    {
        var row = await tables.ReadDocumentRowAsync(dealerCode, RowKeys.Key(dealerCode, keyId), cancellationToken);
        return row is null ? null : KeyRows.FromEntity(row);
    }

    public async Task<CommitResult> CommitAsync(ChangeSet changes, CancellationToken cancellationToken)
    {
        var shard = tables.ShardOf(changes.DealerCode);
        var batch = ChangeBatch.From(changes, shard, clock.GetUtcNow());
        if (batch.Count == 0)
        {
            return CommitResult.Committed;
        }

        try
        {
            var response = await tables.DocumentsIn(shard).SubmitTransactionAsync(batch.Actions, cancellationToken);
            batch.Stamp(changes, index => response.Value[index].Headers.ETag?.ToString());
            return CommitResult.Committed;
        }
        catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex is { } index && index < batch.Count && ex.Status is 404 or 409 or 412)
        {
            if (await CommitLanding.LandedAsync(tables.DocumentsIn(shard), batch, changes, cancellationToken))
            {
                LogLanded(logger, ex.Status, batch.Count);
                return CommitResult.Committed;
            }

            return batch.PartAt(index) switch
            {
                ChangeBatch.Part.Document => CommitResult.DocumentConflict,
                ChangeBatch.Part.Key => CommitResult.KeyConflict,
                ChangeBatch.Part.Work or ChangeBatch.Part.NewWork => CommitResult.WorkConflict,
                _ => throw new InvalidOperationException($"Unexpected conflict on {batch.PartAt(index)}.", ex),
            };
        }
    }

    public async Task<DocumentPage> ListAsync(DocumentQuery query, CancellationToken cancellationToken)
    {
        var conditions = "";
        if (query.Status is { } status)
        {
            conditions += " and " + TableClient.CreateQueryFilter($"Status eq {status}");
        }

        foreach (var condition in query.Filters ?? [])
        {
            conditions += " and " + SummaryFields.Filter(condition);
        }

        if (query.DealerCode is { } dealer)
        {
            var shard = tables.ShardOf(dealer);
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {shard} and RowKey ge {RowKeys.DocumentRangeStart(dealer, query.DocumentType, query.From)} and RowKey lt {RowKeys.DocumentRangeEnd(dealer, query.DocumentType, query.To)}");
            var (items, token) = await TablePages.ReadAsync(tables.DocumentsIn(shard), filter + conditions, query.PageSize, query.ContinuationToken, DocumentRows.SummaryColumns, DocumentRows.SummaryFromEntity, cancellationToken);
            return new DocumentPage(items, token);
        }

        return await AcrossDealersAsync(query, conditions, cancellationToken);
    }

    /// <summary>
    /// Every shard's document rows of the type, one shard after the other (a scan: operators' occasional view, not a
    /// hot path). The token names the shard and the table's own token within it.
    /// </summary>
    private async Task<DocumentPage> AcrossDealersAsync(DocumentQuery query, string conditions, CancellationToken cancellationToken)
    {
        var (first, inner) = ContinuationTokens.Decode(query.ContinuationToken) is { } token
            ? token.Split('\n', 2) is [var shard, var rest] && int.TryParse(shard, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < tables.Options.ShardCount
                ? (index, rest.Length == 0 ? null : rest)
                : throw new FormatException("Unknown continuation token.")
            : (0, null);
        var shards = tables.Shards.ToList();
        var items = new List<DocumentSummary>();
        for (var i = first; i < shards.Count; i++)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shards[i]} and RowKey ge {"d|"} and RowKey lt {"d|~"} and DocumentType eq {query.DocumentType}") + conditions;
            if (query.From is { } from)
            {
                filter += " and " + TableClient.CreateQueryFilter($"SubmittedAt ge {from.UtcDateTime}");
            }

            if (query.To is { } to)
            {
                filter += " and " + TableClient.CreateQueryFilter($"SubmittedAt le {to.UtcDateTime}");
            }

            var (page, next) = await TablePages.ReadAsync(tables.DocumentsIn(shards[i]), filter, query.PageSize - items.Count, ContinuationTokens.Encode(i == first ? inner : null), DocumentRows.SummaryColumns, DocumentRows.SummaryFromEntity, cancellationToken);
            items.AddRange(page);
            if (next is not null)
            {
                return new DocumentPage(items, ContinuationTokens.Encode($"{i}\n{ContinuationTokens.Decode(next)}"));
            }

            if (items.Count >= query.PageSize)
            {
                return new DocumentPage(items, i + 1 < shards.Count ? ContinuationTokens.Encode($"{i + 1}\n") : null);
            }
        }

        return new DocumentPage(items, null);
    }

    public async Task<IReadOnlyList<Notification>> PeekMailboxAsync(string dealerCode, int maxItems, CancellationToken cancellationToken)
    {
        var shard = tables.ShardOf(dealerCode);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {shard} and RowKey ge {RowKeys.MailboxStart(dealerCode)} and RowKey lt {RowKeys.MailboxEnd(dealerCode)}");
        var items = new List<Notification>();
        await foreach (var entity in tables.DocumentsIn(shard).QueryAsync<TableEntity>(filter, Math.Min(maxItems, 1000), cancellationToken: cancellationToken))
        {
            items.Add(MailboxRows.FromEntity(entity));
            if (items.Count >= maxItems)
            {
                break;
            }
        }

        return items;
    }

    public async Task<Notification?> GetNotificationAsync(string dealerCode, string receiptId, CancellationToken cancellationToken)
    {
        var row = await tables.ReadDocumentRowAsync(dealerCode, RowKeys.Mailbox(dealerCode, receiptId), cancellationToken);
        return row is null ? null : MailboxRows.FromEntity(row);
    }

    public async Task<IReadOnlyList<string>> AcknowledgeAsync(string dealerCode, IReadOnlyList<string> receiptIds, CancellationToken cancellationToken)
    {
        var partition = tables.ShardOf(dealerCode);
        var removed = await Task.WhenAll(receiptIds.Where(Ids.IsUlid).Select(async id =>
        {
            // The SDK treats delete as idempotent: a missing row comes back as a 404 response, not an exception.
            using var response = await tables.DocumentsIn(partition).DeleteEntityAsync(partition, RowKeys.Mailbox(dealerCode, id), ETag.All, cancellationToken);
            return response.Status == 404 ? null : id;
        }));
        return removed.OfType<string>().ToList();
    }

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "A commit's answer was lost (its resend refused with {Status}) but it had been applied: {Operations} operation(s) taken as committed")]
    internal static partial void LogLanded(ILogger logger, int status, int operations);
}
