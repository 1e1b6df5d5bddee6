using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Dms.Hub.Alerts;
using Dms.Hub.Common;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>Business alerts: one row per alert in the <c>alerts</c> table, partitioned by dealer, history as JSON.</summary>
internal sealed class TableAlertStore(TableSet tables) : IAlertStore
{
    public async Task<AlertRecord?> GetAsync(string dealerCode, string id, CancellationToken cancellationToken)
    {
        var row = await tables.Alerts.GetEntityIfExistsAsync<TableEntity>(dealerCode, id, cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    public async Task<bool> TrySaveAsync(AlertRecord alert, CancellationToken cancellationToken)
    {
        try
        {
            var entity = ToEntity(alert);
            await (alert.ETag is null
                ? tables.Alerts.AddEntityAsync(entity, cancellationToken)
                : tables.Alerts.UpdateEntityAsync(entity, new ETag(alert.ETag), TableUpdateMode.Replace, cancellationToken));
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            return false;
        }
    }

    /// <summary>One batch per 100 alerts of a dealer (a partition); a batch with a conflict is handed back whole.</summary>
    public async Task<IReadOnlyList<AlertRecord>> SaveManyAsync(IReadOnlyList<AlertRecord> alerts, CancellationToken cancellationToken)
    {
        var missed = new List<AlertRecord>();
        foreach (var batch in alerts.GroupBy(a => a.DealerCode, StringComparer.Ordinal).SelectMany(dealer => dealer.Chunk(100)))
        {
            try
            {
                await tables.Alerts.SubmitTransactionAsync(batch.Select(a => a.ETag is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, ToEntity(a))
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(a), new ETag(a.ETag))), cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412)
            {
                missed.AddRange(batch);
            }
        }

        return missed;
    }

    public async Task<AlertPage> ListAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        var conditions = new List<string>();
        Add(conditions, "PartitionKey", query.DealerCode);
        Add(conditions, nameof(AlertRecord.Status), query.Status);
        Add(conditions, nameof(AlertRecord.Code), query.Code);
        Add(conditions, nameof(AlertRecord.DocumentType), query.DocumentType);
        var filter = conditions.Count == 0 ? null! : string.Join(" and ", conditions);
        var (items, token) = await TablePages.ReadAsync(tables.Alerts, filter, query.PageSize, query.ContinuationToken, null, FromEntity, cancellationToken);
        return new AlertPage(items, token);
    }

    private static void Add(List<string> conditions, string property, string? value)
    {
        if (value is not null)
        {
            conditions.Add(property + " eq " + TableClient.CreateQueryFilter($"{value}"));
        }
    }

    private static TableEntity ToEntity(AlertRecord a) => new(a.DealerCode, a.Id)
    {
        [nameof(AlertRecord.DocumentType)] = a.DocumentType,
        [nameof(AlertRecord.TrackingId)] = a.TrackingId,
        [nameof(AlertRecord.DocumentNumber)] = a.DocumentNumber,
        [nameof(AlertRecord.Code)] = a.Code,
        [nameof(AlertRecord.Title)] = a.Title,
        [nameof(AlertRecord.Message)] = a.Message,
        [nameof(AlertRecord.Status)] = a.Status,
        [nameof(AlertRecord.RaisedAt)] = a.RaisedAt.UtcDateTime,
        [nameof(AlertRecord.ClearedAt)] = a.ClearedAt?.UtcDateTime,
        [nameof(AlertRecord.AcknowledgedAt)] = a.AcknowledgedAt?.UtcDateTime,
        [nameof(AlertRecord.AcknowledgedBy)] = a.AcknowledgedBy,
        [nameof(AlertRecord.Occurrences)] = a.Occurrences,
        [nameof(AlertRecord.History)] = JsonSerializer.Serialize(a.History, HubJson.Options),
    };

    private static AlertRecord FromEntity(TableEntity e) => new()
    {
        Id = e.RowKey,
        DealerCode = e.PartitionKey,
        DocumentType = e.GetString(nameof(AlertRecord.DocumentType)),
        TrackingId = e.GetString(nameof(AlertRecord.TrackingId)),
        DocumentNumber = e.GetString(nameof(AlertRecord.DocumentNumber)),
        Code = e.GetString(nameof(AlertRecord.Code)),
        Title = e.GetString(nameof(AlertRecord.Title)),
        Message = e.GetString(nameof(AlertRecord.Message)),
        Status = e.GetString(nameof(AlertRecord.Status)),
        RaisedAt = e.GetDateTimeOffset(nameof(AlertRecord.RaisedAt)) ?? default,
        ClearedAt = e.GetDateTimeOffset(nameof(AlertRecord.ClearedAt)),
        AcknowledgedAt = e.GetDateTimeOffset(nameof(AlertRecord.AcknowledgedAt)),
        AcknowledgedBy = e.GetString(nameof(AlertRecord.AcknowledgedBy)),
        Occurrences = e.GetInt32(nameof(AlertRecord.Occurrences)) ?? 0,
        History = JsonSerializer.Deserialize<List<AlertHistoryEntry>>(e.GetString(nameof(AlertRecord.History)) ?? "[]", HubJson.Options) ?? [],
        ETag = e.ETag.ToString(),
    };
}
