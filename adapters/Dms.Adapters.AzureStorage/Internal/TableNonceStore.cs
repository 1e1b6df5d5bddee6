using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Dms.Hub.Dealers;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>
/// Nonces in partitions of ten minutes by their creation time: a token (nonce + created) always lands in the same
/// partition, so an insert conflict is a replay, on any instance. Partitions older than an hour are pruned.
/// </summary>
internal sealed class TableNonceStore(TableSet tables, TimeProvider clock) : INonceStore
{
    private static readonly TimeSpan Bucket = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Keep = TimeSpan.FromHours(1);
    private long _nextPruneTicks;

    public async Task<bool> TryRememberAsync(string dealerCode, string nonce, DateTimeOffset created, CancellationToken cancellationToken)
    {
        await PruneIfDueAsync(cancellationToken);
        var key = dealerCode + "|" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(nonce)));
        try
        {
            await tables.Nonces.AddEntityAsync(new TableEntity(Partition(created), key) { ["Created"] = created.UtcDateTime }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    private static string Partition(DateTimeOffset time)
    {
        var start = new DateTimeOffset(time.UtcTicks - (time.UtcTicks % Bucket.Ticks), TimeSpan.Zero);
        return "n" + start.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
    }

    private async Task PruneIfDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = Interlocked.Read(ref _nextPruneTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextPruneTicks, (now + Bucket).UtcTicks, due) != due)
        {
            return;
        }

        var filter = TableClient.CreateQueryFilter($"PartitionKey lt {Partition(now - Keep)}");
        await foreach (var old in tables.Nonces.QueryAsync<TableEntity>(filter, 1000, ["PartitionKey", "RowKey"], cancellationToken))
        {
            await tables.Nonces.DeleteEntityAsync(old.PartitionKey, old.RowKey, ETag.All, cancellationToken);
        }
    }
}
