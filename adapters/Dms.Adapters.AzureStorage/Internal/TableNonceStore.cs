using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Dms.Hub.Dealers;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>
/// Nonces in partitions of ten minutes by their creation time: a token (nonce + created) always lands in the same
/// partition, so an insert conflict is a replay, on any instance. Whole old partitions are pruned by a scheduled job.
/// </summary>
internal sealed class TableNonceStore(TableSet tables) : INonceStore
{
    private static readonly TimeSpan Bucket = TimeSpan.FromMinutes(10);

    public async Task<bool> TryRememberAsync(string dealerCode, string nonce, DateTimeOffset created, CancellationToken cancellationToken)
    {
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

    /// <summary>Deletes the partitions that end before <paramref name="before"/> (a nonce's partition is its creation bucket).</summary>
    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var pruned = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey lt {Partition(before - Bucket)}");
        await foreach (var old in tables.Nonces.QueryAsync<TableEntity>(filter, 1000, ["PartitionKey", "RowKey"], cancellationToken))
        {
            await tables.Nonces.DeleteEntityAsync(old.PartitionKey, old.RowKey, ETag.All, cancellationToken);
            pruned++;
        }

        return pruned;
    }
}
