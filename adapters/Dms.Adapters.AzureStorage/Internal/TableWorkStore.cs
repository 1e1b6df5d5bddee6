using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Dms.Hub.Storage;
using Dms.Hub.Work;

namespace Dms.Adapters.AzureStorage.Internal;

internal sealed class TableWorkStore(TableSet tables) : IWorkStore
{
    private static readonly TimeSpan ContendedRetry = TimeSpan.FromSeconds(1);

    public async Task<LeaseAttempt> TryLeaseAsync(WorkRef work, DateTimeOffset now, TimeSpan duration, LeaseMode mode, CancellationToken cancellationToken)
    {
        var partition = tables.ShardOf(work.DealerCode);
        var row = await tables.Documents.GetEntityIfExistsAsync<TableEntity>(partition, RowKeys.Work(work.Id), cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return LeaseAttempt.Gone;
        }

        var item = WorkRows.FromEntity(row.Value!);
        var readyAt = mode == LeaseMode.WhenDue ? item.ReadyAt : item.LeasedUntil ?? DateTimeOffset.MinValue;
        if (readyAt > now)
        {
            return new LeaseAttempt(null, readyAt);
        }

        var leased = item with { Attempt = item.Attempt + 1, LeasedUntil = now + duration };
        try
        {
            var response = await tables.Documents.UpdateEntityAsync(WorkRows.ToEntity(partition, leased), row.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
            return new LeaseAttempt(new WorkLease(leased, leased.LeasedUntil!.Value, response.Headers.ETag!.Value.ToString()), null);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return ex.Status == 404 ? LeaseAttempt.Gone : new LeaseAttempt(null, now + ContendedRetry);
        }
    }

    public async IAsyncEnumerable<WorkItem> ScanPendingAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var shard in tables.Shards)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shard} and RowKey ge {RowKeys.WorkStart} and RowKey lt {RowKeys.WorkEnd}");
            await foreach (var entity in tables.Documents.QueryAsync<TableEntity>(filter, 1000, cancellationToken: cancellationToken))
            {
                yield return WorkRows.FromEntity(entity);
            }
        }
    }

    public async Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(CancellationToken cancellationToken)
    {
        var letters = new List<DeadLetter>();
        foreach (var shard in tables.Shards)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shard} and RowKey ge {RowKeys.DeadLetterStart} and RowKey lt {RowKeys.DeadLetterEnd}");
            await foreach (var entity in tables.Documents.QueryAsync<TableEntity>(filter, 1000, cancellationToken: cancellationToken))
            {
                letters.Add(WorkRows.DeadLetterFromEntity(entity));
            }
        }

        return letters.OrderByDescending(l => l.DeadLetteredAt).ToList();
    }

    public async Task<DeadLetter?> GetDeadLetterAsync(string dealerCode, string workId, CancellationToken cancellationToken)
    {
        var row = await tables.Documents.GetEntityIfExistsAsync<TableEntity>(tables.ShardOf(dealerCode), RowKeys.DeadLetter(workId), cancellationToken: cancellationToken);
        return row.HasValue && row.Value!.GetString("DealerCode") == dealerCode ? WorkRows.DeadLetterFromEntity(row.Value) : null;
    }
}
