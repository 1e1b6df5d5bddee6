using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Dms.Hub.PartsOrders.Inventory;
using Dms.Hub.PartsOrders.Suggestions;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>
/// Dealers' stock in the <c>partsinventory</c> table, one partition per dealer: the position of each snapshot under
/// <c>pos|{write ID}</c> (written first, invisible until the head points at it; a write ID of its own, so two racing
/// writes of one snapshot never touch each other's rows), the <c>head</c> row and the
/// snapshot's record <c>snap|{snapshotId}</c> (changed together in one batch under the head's ETag: the commit
/// point), suggestions under <c>sug|{id}</c> and marks under <c>mark|{name}</c>.
/// </summary>
internal sealed class TableInventoryStore(TableSet tables) : IPartsInventoryStore
{
    private const string Head = "head";

    private TableClient Table => tables.Inventory;

    public async Task<InventoryHead?> GetHeadAsync(string dealerCode, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(dealerCode, Head, cancellationToken: cancellationToken);
        return row.HasValue ? ReadHead(row.Value!) : null;
    }

    public async Task<StockPosition> ReadPositionAsync(string dealerCode, InventoryHead head, CancellationToken cancellationToken) =>
        await CompressedRows.ReadAsync<StoredPosition>(Table, dealerCode, head.PositionKey ?? string.Empty, cancellationToken) is { } stored
            ? new StockPosition(stored.AsOf, stored.Parts.ToDictionary(p => p.PartNumber, StringComparer.Ordinal))
            : throw new InvalidOperationException($"The stock position of snapshot {head.SnapshotId} is missing.");

    public async Task<bool> TryCommitAsync(string dealerCode, InventoryHead? expected, InventoryHead head, SnapshotRecord record, StockPosition position, CancellationToken cancellationToken)
    {
        var key = "pos|" + Guid.NewGuid().ToString("N");
        await CompressedRows.WriteAsync(Table, dealerCode, key, new StoredPosition(position.AsOf, [.. position.Parts.Values]), cancellationToken);
        var row = HeadEntity(dealerCode, head with { PositionKey = key });
        TableTransactionAction[] commit =
        [
            expected?.ETag is { } etag
                ? new(TableTransactionActionType.UpdateReplace, row, new ETag(etag))
                : new(TableTransactionActionType.Add, row),
            new(TableTransactionActionType.Add, SnapshotEntity(dealerCode, record)),
        ];
        try
        {
            await Table.SubmitTransactionAsync(commit, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            await CompressedRows.DeleteAsync(Table, dealerCode, key, cancellationToken);
            return false;
        }

        if (expected?.PositionKey is { } earlier)
        {
            // The earlier position is unreachable now; a failure here leaves only garbage.
            await CompressedRows.DeleteAsync(Table, dealerCode, earlier, cancellationToken);
        }

        return true;
    }

    public async Task<SnapshotRecord?> GetSnapshotAsync(string dealerCode, string snapshotId, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(dealerCode, "snap|" + snapshotId, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } e
            ? new SnapshotRecord(snapshotId, e.GetString("Hash"), e.GetInt64("Sequence") ?? 0, e.GetString("Kind"), e.GetString("PreviousSnapshotId"),
                e.GetDateTimeOffset("AsOf") ?? default, e.GetInt32("PartCount") ?? 0, e.GetInt32("StockedParts") ?? 0, e.GetDateTimeOffset("ReceivedAt") ?? default)
            : null;
    }

    public async IAsyncEnumerable<string> ListDealersAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {Head}"), 1000, ["PartitionKey"], cancellationToken))
        {
            yield return row.PartitionKey;
        }
    }

    public Task SaveSuggestionAsync(Suggestion suggestion, CancellationToken cancellationToken) =>
        CompressedRows.WriteAsync(Table, suggestion.DealerCode, "sug|" + suggestion.SuggestionId, suggestion, cancellationToken);

    public Task<Suggestion?> GetSuggestionAsync(string dealerCode, string suggestionId, CancellationToken cancellationToken) =>
        CompressedRows.ReadAsync<Suggestion>(Table, dealerCode, "sug|" + suggestionId, cancellationToken);

    public async Task<bool> TryMarkAsync(string dealerCode, string mark, CancellationToken cancellationToken)
    {
        try
        {
            await Table.AddEntityAsync(new TableEntity(dealerCode, "mark|" + mark), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<bool> IsMarkedAsync(string dealerCode, string mark, CancellationToken cancellationToken) =>
        (await Table.GetEntityIfExistsAsync<TableEntity>(dealerCode, "mark|" + mark, ["RowKey"], cancellationToken)).HasValue;

    private static TableEntity HeadEntity(string dealerCode, InventoryHead head) => new(dealerCode, Head)
    {
        ["SnapshotId"] = head.SnapshotId,
        ["Sequence"] = head.Sequence,
        ["Kind"] = head.Kind,
        ["AsOf"] = head.AsOf.UtcDateTime,
        ["PartCount"] = head.PartCount,
        ["ReceivedAt"] = head.ReceivedAt.UtcDateTime,
        ["PreviousSnapshotId"] = head.PreviousSnapshotId,
        ["PositionKey"] = head.PositionKey,
    };

    private static InventoryHead ReadHead(TableEntity e) => new(
        e.GetString("SnapshotId"), e.GetInt64("Sequence") ?? 0, e.GetString("Kind"), e.GetDateTimeOffset("AsOf") ?? default, e.GetInt32("PartCount") ?? 0,
        e.GetDateTimeOffset("ReceivedAt") ?? default, e.GetString("PreviousSnapshotId"), e.ETag.ToString(), e.GetString("PositionKey"));

    private static TableEntity SnapshotEntity(string dealerCode, SnapshotRecord record) => new(dealerCode, "snap|" + record.SnapshotId)
    {
        ["Hash"] = record.Hash,
        ["Sequence"] = record.Sequence,
        ["Kind"] = record.Kind,
        ["PreviousSnapshotId"] = record.PreviousSnapshotId,
        ["AsOf"] = record.AsOf.UtcDateTime,
        ["PartCount"] = record.PartCount,
        ["StockedParts"] = record.StockedParts,
        ["ReceivedAt"] = record.ReceivedAt.UtcDateTime,
    };

    private sealed record StoredPosition(DateTimeOffset AsOf, List<StockPart> Parts);
}
