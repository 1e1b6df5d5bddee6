using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Dms.Hub.Batches;
using Dms.Hub.Common;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>
/// Batch records per dealer (partition = dealer code). Row keys put the newest first (<c>b|{inverted ms}|{ulid}</c>,
/// the time taken from the batch ID's ULID), so a dealer's list is one range read; an upload's Idempotency-Key is a
/// row beside it (<c>k|{sha256}</c>), added in the same transaction.
/// </summary>
internal sealed class TableBatchStore(TableSet tables) : IBatchStore
{
    private const long MaxMilliseconds = 9_999_999_999_999;

    public async Task<bool> TryAddAsync(BatchRecord batch, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, ToEntity(batch)) };
        if (batch.IdempotencyKey is { } key)
        {
            actions.Add(new(TableTransactionActionType.Add, new TableEntity(batch.DealerCode, KeyRow(key)) { ["BatchId"] = batch.Id }));
        }

        try
        {
            await tables.Batches.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<BatchRecord?> GetAsync(string dealerCode, string batchId, CancellationToken cancellationToken)
    {
        if (!TrackingIds.TryParse(batchId, out var owner) || owner != dealerCode)
        {
            return null;
        }

        var row = await tables.Batches.GetEntityIfExistsAsync<TableEntity>(dealerCode, RecordRow(batchId), cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    public async Task<BatchRecord?> FindByKeyAsync(string dealerCode, string idempotencyKey, CancellationToken cancellationToken)
    {
        var row = await tables.Batches.GetEntityIfExistsAsync<TableEntity>(dealerCode, KeyRow(idempotencyKey), cancellationToken: cancellationToken);
        return row.HasValue ? await GetAsync(dealerCode, row.Value!.GetString("BatchId"), cancellationToken) : null;
    }

    public async Task<bool> TryReplaceAsync(BatchRecord batch, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Batches.UpdateEntityAsync(ToEntity(batch), new ETag(batch.ETag!), TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<BatchRecord>> ListAsync(string dealerCode, int max, CancellationToken cancellationToken)
    {
        var batches = new List<BatchRecord>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {dealerCode} and RowKey ge {"b|"} and RowKey lt {"b|~"}");
        await foreach (var entity in tables.Batches.QueryAsync<TableEntity>(filter, Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            batches.Add(FromEntity(entity));
            if (batches.Count == max)
            {
                break;
            }
        }

        return batches;
    }

    public async IAsyncEnumerable<BatchRecord> ListUnfinishedAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"Status eq {BatchStatus.Received} or Status eq {BatchStatus.Validating} or Status eq {BatchStatus.Importing}");
        await foreach (var entity in tables.Batches.QueryAsync<TableEntity>(filter, 1000, cancellationToken: cancellationToken))
        {
            yield return FromEntity(entity);
        }
    }

    private static string RecordRow(string batchId)
    {
        var ulid = TrackingIds.UlidOf(batchId);
        var milliseconds = 0L;
        foreach (var c in ulid[..10])
        {
            milliseconds = (milliseconds * 32) + "0123456789ABCDEFGHJKMNPQRSTVWXYZ".IndexOf(c, StringComparison.Ordinal);
        }

        return $"b|{(MaxMilliseconds - milliseconds).ToString("D13", CultureInfo.InvariantCulture)}|{ulid}";
    }

    private static string KeyRow(string key) => "k|" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static TableEntity ToEntity(BatchRecord batch)
    {
        var entity = new TableEntity(batch.DealerCode, RecordRow(batch.Id))
        {
            ["Status"] = batch.Status,
            ["UpdatedAt"] = batch.UpdatedAt.UtcDateTime,
        };
        BinaryChunks.Write(entity, "Record", JsonSerializer.SerializeToUtf8Bytes(batch with { ETag = null }, HubJson.Options));
        if (batch.ETag is { } etag)
        {
            entity.ETag = new ETag(etag);
        }

        return entity;
    }

    private static BatchRecord FromEntity(TableEntity entity) =>
        JsonSerializer.Deserialize<BatchRecord>(BinaryChunks.Read(entity, "Record"), HubJson.Options)! with { ETag = entity.ETag.ToString() };
}
