using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Dms.Hub.Common;
using Dms.Hub.Reporting;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>
/// Reporting slots partitioned by kind and period (<c>{kind}|{period}</c>, row = dealer code), so the HQ matrix of a
/// period is one partition and the calendar job adds a period's slots in batches of 100. Job watermarks live in
/// the partition <c>watermark</c>.
/// </summary>
internal sealed class TableReportSlotStore(TableSet tables) : IReportSlotStore
{
    private const string WatermarkPartition = "watermark";

    public async Task AddExpectedAsync(IReadOnlyList<ReportSlot> slots, CancellationToken cancellationToken)
    {
        foreach (var chunk in slots.GroupBy(s => Partition(s.Kind, s.Period)).SelectMany(g => g.Chunk(100)))
        {
            try
            {
                await tables.ReportSlots.SubmitTransactionAsync(chunk.Select(s => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(s))), cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                // Some exist already (an earlier run): add the others one by one, never touching existing ones.
                foreach (var slot in chunk)
                {
                    await TryAddAsync(ToEntity(slot), cancellationToken);
                }
            }
        }
    }

    public async Task<ReportSlot?> GetAsync(string kind, string period, string dealerCode, CancellationToken cancellationToken)
    {
        var row = await tables.ReportSlots.GetEntityIfExistsAsync<TableEntity>(Partition(kind, period), dealerCode, cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    public async Task<bool> TryWriteAsync(ReportSlot slot, CancellationToken cancellationToken)
    {
        var entity = ToEntity(slot);
        if (slot.ETag is null)
        {
            return await TryAddAsync(entity, cancellationToken);
        }

        try
        {
            await tables.ReportSlots.UpdateEntityAsync(entity, new ETag(slot.ETag), TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<ReportSlot>> ListAsync(string kind, string period, CancellationToken cancellationToken)
    {
        var slots = new List<ReportSlot>();
        var partition = Partition(kind, period);
        await foreach (var entity in tables.ReportSlots.QueryAsync<TableEntity>(e => e.PartitionKey == partition, 1000, cancellationToken: cancellationToken))
        {
            slots.Add(FromEntity(entity));
        }

        return slots;
    }

    /// <summary>One query whose filter names every partition: Azurite scans the table once per query, not per partition.</summary>
    public async Task<IReadOnlyList<ReportSlot>> ListAsync(IReadOnlyList<(string Kind, string Period)> periods, CancellationToken cancellationToken)
    {
        if (periods.Count == 0)
        {
            return [];
        }

        var filter = string.Join(" or ", periods.Select(p => TableClient.CreateQueryFilter($"PartitionKey eq {Partition(p.Kind, p.Period)}")));
        var slots = new List<ReportSlot>();
        await foreach (var entity in tables.ReportSlots.QueryAsync<TableEntity>(filter, 1000, cancellationToken: cancellationToken))
        {
            slots.Add(FromEntity(entity));
        }

        return slots;
    }

    public async Task<string?> GetWatermarkAsync(string kind, CancellationToken cancellationToken)
    {
        var row = await tables.ReportSlots.GetEntityIfExistsAsync<TableEntity>(WatermarkPartition, kind, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetString("Period") : null;
    }

    public Task SetWatermarkAsync(string kind, string period, CancellationToken cancellationToken) =>
        tables.ReportSlots.UpsertEntityAsync(new TableEntity(WatermarkPartition, kind) { ["Period"] = period }, TableUpdateMode.Replace, cancellationToken);

    private async Task<bool> TryAddAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await tables.ReportSlots.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    private static string Partition(string kind, string period) => $"{kind}|{period}";

    private static TableEntity ToEntity(ReportSlot s) => new(Partition(s.Kind, s.Period), s.DealerCode)
    {
        [nameof(ReportSlot.Kind)] = s.Kind,
        [nameof(ReportSlot.Period)] = s.Period,
        [nameof(ReportSlot.DueAt)] = s.DueAt?.UtcDateTime,
        [nameof(ReportSlot.Status)] = s.Status,
        [nameof(ReportSlot.Version)] = s.Version,
        [nameof(ReportSlot.TrackingId)] = s.TrackingId,
        [nameof(ReportSlot.BatchId)] = s.BatchId,
        [nameof(ReportSlot.Zero)] = s.Zero,
        [nameof(ReportSlot.Lines)] = s.Lines,
        [nameof(ReportSlot.DeclaredLines)] = s.DeclaredLines,
        [nameof(ReportSlot.ExpectedAt)] = s.ExpectedAt?.UtcDateTime,
        [nameof(ReportSlot.FirstReceivedAt)] = s.FirstReceivedAt?.UtcDateTime,
        [nameof(ReportSlot.FirstAcceptedAt)] = s.FirstAcceptedAt?.UtcDateTime,
        [nameof(ReportSlot.UpdatedAt)] = s.UpdatedAt?.UtcDateTime,
        [nameof(ReportSlot.History)] = JsonSerializer.Serialize(s.History, HubJson.Options),
    };

    private static ReportSlot FromEntity(TableEntity e) => new()
    {
        Kind = e.GetString(nameof(ReportSlot.Kind)),
        Period = e.GetString(nameof(ReportSlot.Period)),
        DealerCode = e.RowKey,
        DueAt = e.GetDateTimeOffset(nameof(ReportSlot.DueAt)),
        Status = e.GetString(nameof(ReportSlot.Status)) ?? ReportSlotStatus.Expected,
        Version = e.GetInt32(nameof(ReportSlot.Version)),
        TrackingId = e.GetString(nameof(ReportSlot.TrackingId)),
        BatchId = e.GetString(nameof(ReportSlot.BatchId)),
        Zero = e.GetBoolean(nameof(ReportSlot.Zero)) ?? false,
        Lines = e.GetInt32(nameof(ReportSlot.Lines)),
        DeclaredLines = e.GetInt32(nameof(ReportSlot.DeclaredLines)),
        ExpectedAt = e.GetDateTimeOffset(nameof(ReportSlot.ExpectedAt)),
        FirstReceivedAt = e.GetDateTimeOffset(nameof(ReportSlot.FirstReceivedAt)),
        FirstAcceptedAt = e.GetDateTimeOffset(nameof(ReportSlot.FirstAcceptedAt)),
        UpdatedAt = e.GetDateTimeOffset(nameof(ReportSlot.UpdatedAt)),
        History = e.GetString(nameof(ReportSlot.History)) is { } history ? JsonSerializer.Deserialize<List<ReportSlotEvent>>(history, HubJson.Options)! : [],
        ETag = e.ETag.ToString(),
    };
}
