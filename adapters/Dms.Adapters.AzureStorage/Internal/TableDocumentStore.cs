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

        var row = await tables.Documents.GetEntityIfExistsAsync<TableEntity>(tables.ShardOf(dealerCode), RowKeys.Document(dealerCode, documentType, trackingId), cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return null;
        }

        var document = DocumentRows.FromEntity(row.Value!);
        StoredColumns.Remember(document, row.Value!, document.ETag);
        return document;
    }

    public async Task<RawPayload?> GetPayloadAsync(string dealerCode, string trackingId, int contentVersion, CancellationToken cancellationToken)
    {
        if (!TrackingIds.TryParse(trackingId, out var owner) || owner != dealerCode)
        {
            return null;
        }

        var row = await tables.Documents.GetEntityIfExistsAsync<TableEntity>(tables.ShardOf(dealerCode), RowKeys.Payload(trackingId, contentVersion), cancellationToken: cancellationToken);
        return row.HasValue ? DocumentRows.PayloadFromEntity(row.Value!) : null;
    }

    public async Task<IdempotencyEntry?> GetKeyAsync(string dealerCode, string keyId, CancellationToken cancellationToken)
    {
        var row = await tables.Documents.GetEntityIfExistsAsync<TableEntity>(tables.ShardOf(dealerCode), RowKeys.Key(dealerCode, keyId), cancellationToken: cancellationToken);
        return row.HasValue ? KeyRows.FromEntity(row.Value!) : null;
    }

    public async Task<CommitResult> CommitAsync(ChangeSet changes, CancellationToken cancellationToken)
    {
        var batch = ChangeBatch.From(changes, tables.ShardOf(changes.DealerCode), clock.GetUtcNow());
        if (batch.Count == 0)
        {
            return CommitResult.Committed;
        }

        try
        {
            var response = await tables.Documents.SubmitTransactionAsync(batch.Actions, cancellationToken);
            batch.Stamp(changes, index => response.Value[index].Headers.ETag?.ToString());
            return CommitResult.Committed;
        }
        catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex is { } index && index < batch.Count && ex.Status is 404 or 409 or 412)
        {
            if (await CommitLanding.LandedAsync(tables.Documents, batch, changes, cancellationToken))
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
        var filter = query.DealerCode is { } dealer
            ? TableClient.CreateQueryFilter(
                $"PartitionKey eq {tables.ShardOf(dealer)} and RowKey ge {RowKeys.DocumentRangeStart(dealer, query.DocumentType, query.From)} and RowKey lt {RowKeys.DocumentRangeEnd(dealer, query.DocumentType, query.To)}")
            : AcrossDealers(query);
        if (query.Status is { } status)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Status eq {status}");
        }

        foreach (var condition in query.Filters ?? [])
        {
            filter += " and " + SummaryFields.Filter(condition);
        }

        var (items, token) = await TablePages.ReadAsync(tables.Documents, filter, query.PageSize, query.ContinuationToken, DocumentRows.SummaryColumns, DocumentRows.SummaryFromEntity, cancellationToken);
        return new DocumentPage(items, token);
    }

    /// <summary>Every shard's document rows of the type (a scan: operators' and HQ's occasional views, not a hot path).</summary>
    private static string AcrossDealers(DocumentQuery query)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey ge {"d|"} and RowKey lt {"d|~"} and DocumentType eq {query.DocumentType}");
        if (query.From is { } from)
        {
            filter += " and " + TableClient.CreateQueryFilter($"SubmittedAt ge {from.UtcDateTime}");
        }

        return query.To is { } to ? filter + " and " + TableClient.CreateQueryFilter($"SubmittedAt le {to.UtcDateTime}") : filter;
    }

    public async Task<IReadOnlyList<Notification>> PeekMailboxAsync(string dealerCode, int maxItems, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {tables.ShardOf(dealerCode)} and RowKey ge {RowKeys.MailboxStart(dealerCode)} and RowKey lt {RowKeys.MailboxEnd(dealerCode)}");
        var items = new List<Notification>();
        await foreach (var entity in tables.Documents.QueryAsync<TableEntity>(filter, Math.Min(maxItems, 1000), cancellationToken: cancellationToken))
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
        var row = await tables.Documents.GetEntityIfExistsAsync<TableEntity>(tables.ShardOf(dealerCode), RowKeys.Mailbox(dealerCode, receiptId), cancellationToken: cancellationToken);
        return row.HasValue ? MailboxRows.FromEntity(row.Value!) : null;
    }

    public async Task<IReadOnlyList<string>> AcknowledgeAsync(string dealerCode, IReadOnlyList<string> receiptIds, CancellationToken cancellationToken)
    {
        var partition = tables.ShardOf(dealerCode);
        var removed = await Task.WhenAll(receiptIds.Where(Ids.IsUlid).Select(async id =>
        {
            // The SDK treats delete as idempotent: a missing row comes back as a 404 response, not an exception.
            using var response = await tables.Documents.DeleteEntityAsync(partition, RowKeys.Mailbox(dealerCode, id), ETag.All, cancellationToken);
            return response.Status == 404 ? null : id;
        }));
        return removed.OfType<string>().ToList();
    }

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "A commit's answer was lost (its resend refused with {Status}) but it had been applied: {Operations} operation(s) taken as committed")]
    internal static partial void LogLanded(ILogger logger, int status, int operations);
}
