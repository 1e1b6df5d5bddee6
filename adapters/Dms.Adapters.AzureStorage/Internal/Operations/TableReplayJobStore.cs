using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Dms.Hub.Common;
using Dms.Hub.Operations.Replays;

namespace Dms.Adapters.AzureStorage.Internal.Operations;

/// <summary>
/// Replay jobs in the <c>console</c> table: partition <c>job|{id}</c> holds the job row, its items (<c>i|{sequence}</c>)
/// and its lease; partition <c>jobs</c> lists every job newest first with whether it is still active.
/// </summary>
internal sealed class TableReplayJobStore(TableSet tables) : IReplayJobStore
{
    private const string Index = "jobs";
    private const string JobRow = "job";
    private const string LeaseRow = "lease";

    private TableClient Table => tables.Console;

    public async Task CreateAsync(ReplayJob job, IReadOnlyList<ReplayItem> items, CancellationToken cancellationToken)
    {
        foreach (var chunk in items.Chunk(100))
        {
            await Table.SubmitTransactionAsync(chunk.Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ItemEntity(i))), cancellationToken);
        }

        await Table.AddEntityAsync(JobEntity(job), cancellationToken);
        await Table.UpsertEntityAsync(IndexEntity(job), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<ReplayJob?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!Ids.IsUlid(id))
        {
            return null;
        }

        var row = await Table.GetEntityIfExistsAsync<TableEntity>(Partition(id), JobRow, cancellationToken: cancellationToken);
        return row.HasValue ? FromJob(row.Value!) : null;
    }

    public async Task<IReadOnlyList<ReplayJob>> ListAsync(int max, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Index}"), Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            ids.Add(entity.GetString("JobId"));
            if (ids.Count >= max)
            {
                break;
            }
        }

        var jobs = await Task.WhenAll(ids.Select(id => GetAsync(id, cancellationToken)));
        return jobs.OfType<ReplayJob>().ToList();
    }

    public async Task<IReadOnlyList<string>> ActiveAsync(CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Index} and Active eq {true}"), cancellationToken: cancellationToken))
        {
            ids.Add(entity.GetString("JobId"));
        }

        ids.Reverse(); // the index is newest first; jobs run oldest first
        return ids;
    }

    public async Task<IReadOnlyList<ReplayItem>> ItemsAsync(string jobId, int fromSequence, int max, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(jobId)} and RowKey ge {ItemKey(fromSequence)} and RowKey lt {"i|~"}");
        var items = new List<ReplayItem>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            items.Add(JsonSerializer.Deserialize<ReplayItem>(entity.GetString("Item"), HubJson.Options)!);
            if (items.Count >= max)
            {
                break;
            }
        }

        return items;
    }

    public async Task SaveItemsAsync(IReadOnlyList<ReplayItem> items, CancellationToken cancellationToken)
    {
        foreach (var job in items.GroupBy(i => i.JobId, StringComparer.Ordinal))
        {
            foreach (var chunk in job.Chunk(100))
            {
                await Table.SubmitTransactionAsync(chunk.Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ItemEntity(i))), cancellationToken);
            }
        }
    }

    public async Task<bool> TrySaveAsync(ReplayJob job, CancellationToken cancellationToken)
    {
        try
        {
            await Table.UpdateEntityAsync(JobEntity(job), job.ETag is null ? ETag.All : new ETag(job.ETag), TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }

        if (job.Finished)
        {
            await Table.UpsertEntityAsync(IndexEntity(job), TableUpdateMode.Replace, cancellationToken);
        }

        return true;
    }

    public async Task<bool> TryLeaseAsync(string jobId, string owner, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition(jobId), LeaseRow) { ["Owner"] = owner, ["Until"] = (now + duration).UtcDateTime };
        try
        {
            var current = await Table.GetEntityIfExistsAsync<TableEntity>(Partition(jobId), LeaseRow, cancellationToken: cancellationToken);
            if (!current.HasValue)
            {
                await Table.AddEntityAsync(entity, cancellationToken);
                return true;
            }

            if (current.Value!.GetString("Owner") != owner && current.Value.GetDateTimeOffset("Until") > now)
            {
                return false;
            }

            await Table.UpdateEntityAsync(entity, current.Value.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    private static string Partition(string jobId) => "job|" + jobId;

    private static string ItemKey(int sequence) => "i|" + sequence.ToString("D7", CultureInfo.InvariantCulture);

    private static TableEntity ItemEntity(ReplayItem item) => new(Partition(item.JobId), ItemKey(item.Sequence))
    {
        ["Item"] = JsonSerializer.Serialize(item, HubJson.Options),
        ["Status"] = item.Status,
    };

    private static TableEntity JobEntity(ReplayJob job) => new(Partition(job.Id), JobRow) { ["Job"] = JsonSerializer.Serialize(job with { ETag = null }, HubJson.Options) };

    private static TableEntity IndexEntity(ReplayJob job) =>
        new(Index, (DateTime.MaxValue.Ticks - job.CreatedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "|" + job.Id)
        {
            ["JobId"] = job.Id,
            ["Active"] = !job.Finished,
        };

    private static ReplayJob FromJob(TableEntity entity) => JsonSerializer.Deserialize<ReplayJob>(entity.GetString("Job"), HubJson.Options)! with { ETag = entity.ETag.ToString() };
}
