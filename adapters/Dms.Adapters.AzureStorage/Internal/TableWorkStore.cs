using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Dms.Hub.Storage;
using Dms.Hub.Work;

namespace Dms.Adapters.AzureStorage.Internal;

internal sealed class TableWorkStore(TableSet tables) : IWorkStore
{
    private static readonly TimeSpan ContendedRetry = TimeSpan.FromSeconds(1);

    /// <summary>A column only a lease write sets (every other write of the row replaces it away): whose lease the row holds.</summary>
    internal const string LeaseTokenColumn = "LeaseToken";

    public async Task<LeaseAttempt> TryLeaseAsync(WorkRef work, DateTimeOffset now, TimeSpan duration, LeaseMode mode, CancellationToken cancellationToken)
    {
        var partition = tables.ShardOf(work.DealerCode);
        TableEntity? row = null;
        if (mode == LeaseMode.WhenDue && work.Snapshot is { ETag: { } etag } snapshot)
        {
            // The message carried the row as stored: lease it by a conditional update, no read. A claimed item's lease
            // is this process's own (taken at creation, its attempt already counted): it is only extended.
            var readyAt = work.Claimed ? snapshot.DueAt : snapshot.ReadyAt;
            if (readyAt > now)
            {
                return new LeaseAttempt(null, readyAt);
            }

            var (attempt, current) = await TryTakeAsync(partition, snapshot, new ETag(etag), work.Claimed ? snapshot.Attempt : snapshot.Attempt + 1, now + duration, cancellationToken);
            if (attempt is not null)
            {
                return attempt;
            }

            row = current;
        }
        else
        {
            // No copy: read the row.
            var read = await tables.DocumentsIn(partition).GetEntityIfExistsAsync<TableEntity>(partition, RowKeys.Work(work.Id), cancellationToken: cancellationToken);
            row = read.HasValue ? read.Value : null;
        }

        // The copy was stale (the row changed since the message was sent), or there was none: the row as read.
        if (row is null)
        {
            return LeaseAttempt.Gone;
        }

        var item = WorkRows.FromEntity(row);
        var ready = mode == LeaseMode.WhenDue ? item.ReadyAt : item.LeasedUntil ?? DateTimeOffset.MinValue;
        if (ready > now)
        {
            return new LeaseAttempt(null, ready);
        }

        return (await TryTakeAsync(partition, item, row.ETag, item.Attempt + 1, now + duration, cancellationToken)).Lease ?? new LeaseAttempt(null, now + ContendedRetry);
    }

    /// <summary>
    /// Writes the lease under <paramref name="etag"/>. Refused (412): no lease, and the row as it is now (null when
    /// gone) — unless the row holds this very lease. That happens when storage took the write but its answer came after
    /// the client's timeout: the SDK sends the write again, and the resend is refused because the ETag moved — by the
    /// first send. Without the token the lease looked like someone else's, and the item waited until it ended
    /// (<c>Dms:Work:LeaseSeconds</c>) with nobody running it: the straggling deliveries of a backlog's drain on a
    /// saturated Azurite, whose answers then take longer than <c>Dms:Storage:TimeoutSeconds</c>.
    /// </summary>
    private async Task<(LeaseAttempt? Lease, TableEntity? Current)> TryTakeAsync(string partition, WorkItem item, ETag etag, int attempt, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var leased = item with { Attempt = attempt, LeasedUntil = until };
        var entity = WorkRows.ToEntity(partition, leased);
        var token = Guid.NewGuid().ToString("N");
        entity[LeaseTokenColumn] = token;
        try
        {
            using var response = await tables.DocumentsIn(partition).UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken);
            return (Taken(leased, response.Headers.ETag!.Value.ToString()), null);
        }
        catch (RequestFailedException ex) when (ex.Status is 404)
        {
            return (LeaseAttempt.Gone, null);
        }
        catch (RequestFailedException ex) when (ex.Status is 412)
        {
            var read = await tables.DocumentsIn(partition).GetEntityIfExistsAsync<TableEntity>(partition, RowKeys.Work(item.Id), cancellationToken: cancellationToken);
            if (!read.HasValue)
            {
                return (LeaseAttempt.Gone, null);
            }

            return read.Value!.GetString(LeaseTokenColumn) == token ? (Taken(leased, read.Value.ETag.ToString()), null) : (null, read.Value);
        }
    }

    private static LeaseAttempt Taken(WorkItem leased, string etag) => new(new WorkLease(leased with { ETag = etag }, leased.LeasedUntil!.Value, etag), null);

    public async IAsyncEnumerable<WorkItem> ScanPendingAsync(int slice, int slices, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var shard in tables.Shards.Where((_, index) => index % slices == slice))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shard} and RowKey ge {RowKeys.WorkStart} and RowKey lt {RowKeys.WorkEnd}");
            await foreach (var entity in tables.DocumentScansIn(shard).QueryAsync<TableEntity>(filter, 1000, cancellationToken: cancellationToken))
            {
                yield return WorkRows.FromEntity(entity);
            }
        }
    }

    public async Task<int> CountDueAsync(string dealerCode, DateTimeOffset now, int atMost, CancellationToken cancellationToken)
    {
        var shard = tables.ShardOf(dealerCode);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {shard} and RowKey ge {RowKeys.WorkStart} and RowKey lt {RowKeys.WorkEnd} and DueAt le {now.UtcDateTime}");
        var count = 0;
        await foreach (var page in tables.DocumentsIn(shard).QueryAsync<TableEntity>(filter, Math.Clamp(atMost, 1, 1000), ["RowKey"], cancellationToken).AsPages())
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
            await foreach (var entity in tables.DocumentScansIn(shard).QueryAsync<TableEntity>(filter, 1000, cancellationToken: cancellationToken))
            {
                letters.Add(WorkRows.DeadLetterFromEntity(entity));
            }
        }

        return letters.OrderByDescending(l => l.DeadLetteredAt).ToList();
    }

    public async Task<DeadLetter?> GetDeadLetterAsync(string dealerCode, string workId, CancellationToken cancellationToken)
    {
        var row = await tables.ReadDocumentRowAsync(dealerCode, RowKeys.DeadLetter(workId), cancellationToken);
        return row is not null && row.GetString("DealerCode") == dealerCode ? WorkRows.DeadLetterFromEntity(row) : null;
    }
}
