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
        if (mode == LeaseMode.WhenDue && work.Snapshot is { ETag: { } etag } snapshot)
        {
            // The message carried the row as stored: lease it by a conditional update, no read. A claimed item's lease
            // is this process's own (taken at creation, its attempt already counted): it is only extended.
            var readyAt = work.Claimed ? snapshot.DueAt : snapshot.ReadyAt;
            if (readyAt > now)
            {
                return new LeaseAttempt(null, readyAt);
            }

            var attempt = await TryTakeAsync(partition, snapshot, new ETag(etag), work.Claimed ? snapshot.Attempt : snapshot.Attempt + 1, now + duration, cancellationToken);
            if (attempt is not null)
            {
                return attempt;
            }
        }

        // No copy, or the copy was stale (the row changed since the message was sent): read the row.
        var row = await tables.Documents.GetEntityIfExistsAsync<TableEntity>(partition, RowKeys.Work(work.Id), cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return LeaseAttempt.Gone;
        }

        var item = WorkRows.FromEntity(row.Value!);
        var ready = mode == LeaseMode.WhenDue ? item.ReadyAt : item.LeasedUntil ?? DateTimeOffset.MinValue;
        if (ready > now)
        {
            return new LeaseAttempt(null, ready);
        }

        return await TryTakeAsync(partition, item, row.Value!.ETag, item.Attempt + 1, now + duration, cancellationToken) ?? new LeaseAttempt(null, now + ContendedRetry);
    }

    /// <summary>Writes the lease under <paramref name="etag"/>; null when the row changed meanwhile (412).</summary>
    private async Task<LeaseAttempt?> TryTakeAsync(string partition, WorkItem item, ETag etag, int attempt, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var leased = item with { Attempt = attempt, LeasedUntil = until };
        try
        {
            using var response = await tables.Documents.UpdateEntityAsync(WorkRows.ToEntity(partition, leased), etag, TableUpdateMode.Replace, cancellationToken);
            var newTag = response.Headers.ETag!.Value.ToString();
            return new LeaseAttempt(new WorkLease(leased with { ETag = newTag }, until, newTag), null);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return ex.Status == 404 ? LeaseAttempt.Gone : null;
        }
    }

    public async IAsyncEnumerable<WorkItem> ScanPendingAsync(int slice, int slices, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var shard in tables.Shards.Where((_, index) => index % slices == slice))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shard} and RowKey ge {RowKeys.WorkStart} and RowKey lt {RowKeys.WorkEnd}");
            await foreach (var entity in tables.DocumentScans.QueryAsync<TableEntity>(filter, 1000, cancellationToken: cancellationToken))
            {
                yield return WorkRows.FromEntity(entity);
            }
        }
    }

    public async Task<int> CountDueAsync(string dealerCode, DateTimeOffset now, int atMost, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {tables.ShardOf(dealerCode)} and RowKey ge {RowKeys.WorkStart} and RowKey lt {RowKeys.WorkEnd} and DueAt le {now.UtcDateTime}");
        var count = 0;
        await foreach (var page in tables.Documents.QueryAsync<TableEntity>(filter, Math.Clamp(atMost, 1, 1000), ["RowKey"], cancellationToken).AsPages())
        {
            // A page may be empty and still continue; stop as soon as enough are counted.
            count += page.Values.Count;
            if (count >= atMost || page.ContinuationToken is null)
            {
                break;
            }
        }

        return Math.Min(count, atMost);
    }

    public async Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(CancellationToken cancellationToken)
    {
        var letters = new List<DeadLetter>();
        foreach (var shard in tables.Shards)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shard} and RowKey ge {RowKeys.DeadLetterStart} and RowKey lt {RowKeys.DeadLetterEnd}");
            await foreach (var entity in tables.DocumentScans.QueryAsync<TableEntity>(filter, 1000, cancellationToken: cancellationToken))
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
