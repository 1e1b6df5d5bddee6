using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Dms.Hub.Common;
using Dms.Hub.Operations.Alerts;

namespace Dms.Adapters.AzureStorage.Internal.Operations;

/// <summary>Technical alerts (partition <c>talert</c>) and alert snoozes (partition <c>snooze</c>) in the <c>console</c> table.</summary>
internal sealed class TableTechnicalAlertStore(TableSet tables) : ITechnicalAlertStore
{
    private const string Alerts = "talert";
    private const string Snoozes = "snooze";

    private TableClient Table => tables.Console;

    public async Task<IReadOnlyList<TechnicalAlert>> ListAsync(CancellationToken cancellationToken)
    {
        var all = new List<TechnicalAlert>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Alerts}"), cancellationToken: cancellationToken))
        {
            all.Add(FromEntity(entity));
        }

        return all;
    }

    public async Task<TechnicalAlert?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(Alerts, Key(id), cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    public async Task<bool> TrySaveAsync(TechnicalAlert alert, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Alerts, Key(alert.Id)) { ["Alert"] = JsonSerializer.Serialize(alert with { ETag = null }, HubJson.Options) };
        try
        {
            await (alert.ETag is null
                ? Table.AddEntityAsync(entity, cancellationToken)
                : Table.UpdateEntityAsync(entity, new ETag(alert.ETag), TableUpdateMode.Replace, cancellationToken));
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            return false;
        }
    }

    public async Task SnoozeAsync(AlertSnooze snooze, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(new TableEntity(Snoozes, Key(snooze.AlertId)) { ["Snooze"] = JsonSerializer.Serialize(snooze, HubJson.Options) }, TableUpdateMode.Replace, cancellationToken);

    public async Task<IReadOnlyDictionary<string, AlertSnooze>> SnoozesAsync(CancellationToken cancellationToken)
    {
        var all = new Dictionary<string, AlertSnooze>(StringComparer.Ordinal);
        await foreach (var entity in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Snoozes}"), cancellationToken: cancellationToken))
        {
            var snooze = JsonSerializer.Deserialize<AlertSnooze>(entity.GetString("Snooze"), HubJson.Options)!;
            all[snooze.AlertId] = snooze;
        }

        return all;
    }

    private static string Key(string id) => Uri.EscapeDataString(id);

    private static TechnicalAlert FromEntity(TableEntity entity) => JsonSerializer.Deserialize<TechnicalAlert>(entity.GetString("Alert"), HubJson.Options)! with { ETag = entity.ETag.ToString() };
}
