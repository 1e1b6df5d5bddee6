using System.Diagnostics;
using Azure;
using Azure.Data.Tables;

namespace Dms.Bench;

/// <summary>
/// The storage floor: a plain TableClient doing, per document, the same number of Azurite round trips of each kind
/// the hub needed (point reads, queries, single writes, batches), at the same concurrency, against the same Azurite.
/// No hub could go faster on this storage; the report divides the hub's rate by this one.
/// </summary>
internal static class StorageFloor
{
    public sealed record Result(int Documents, long RoundTrips, double Seconds, double DocumentsPerSecond, double RoundTripsPerSecond);

    public static async Task<Result> MeasureAsync(string connectionString, IReadOnlyDictionary<string, double> perDocument, int documents, int concurrency)
    {
        var table = new TableServiceClient(connectionString).GetTableClient("floor" + Guid.NewGuid().ToString("N")[..8]);
        await table.CreateIfNotExistsAsync();
        var padding = new string('x', 1500); // about the size of a stored document row
        await Task.WhenAll(Enumerable.Range(0, 16).Select(p => table.SubmitTransactionAsync(
            Enumerable.Range(0, 50).Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Row($"p{p}", $"r{r:D4}", padding))))));

        long roundTrips = 0;
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var random = new Random(worker);
            while (Interlocked.Increment(ref next) < documents)
            {
                var partition = $"p{random.Next(16)}";
                foreach (var (kind, mean) in perDocument)
                {
                    // Whole round trips with the hub's average: floor(mean), plus one more with the fractional chance.
                    var count = (int)mean + (random.NextDouble() < mean - (int)mean ? 1 : 0);
                    for (var i = 0; i < count; i++)
                    {
                        await RoundTripAsync(table, kind, partition, random, padding);
                        Interlocked.Increment(ref roundTrips);
                    }
                }
            }
        }));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await table.DeleteAsync();
        return new Result(documents, roundTrips, Math.Round(seconds, 2), Math.Round(documents / seconds, 1), Math.Round(roundTrips / seconds, 1));
    }

    private static async Task RoundTripAsync(TableClient table, string kind, string partition, Random random, string padding)
    {
        switch (kind)
        {
            case "table-read":
                await table.GetEntityIfExistsAsync<TableEntity>(partition, $"r{random.Next(50):D4}");
                break;
            case "table-query":
                await foreach (var page in table.QueryAsync<TableEntity>($"PartitionKey eq '{partition}' and RowKey ge 'r{random.Next(40):D4}'", maxPerPage: 10).AsPages())
                {
                    _ = page;
                    break;
                }

                break;
            case "table-batch":
                var key = Guid.NewGuid().ToString("N");
                await table.SubmitTransactionAsync([
                    new(TableTransactionActionType.UpsertReplace, Row(partition, key + "a", padding)),
                    new(TableTransactionActionType.UpsertReplace, Row(partition, key + "b", padding)),
                    new(TableTransactionActionType.UpsertReplace, Row(partition, key + "c", padding)),
                ]);
                break;
            default:
                await table.UpsertEntityAsync(Row(partition, Guid.NewGuid().ToString("N"), padding), TableUpdateMode.Replace);
                break;
        }
    }

    private static TableEntity Row(string partition, string row, string padding) => new(partition, row) { ["Body"] = padding, ["At"] = DateTimeOffset.UtcNow, ["ETagless"] = ETag.All.ToString() };
}
