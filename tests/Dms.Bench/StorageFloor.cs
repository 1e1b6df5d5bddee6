using System.Diagnostics;
using Azure;
using Azure.Data.Tables;

namespace Dms.Bench;

/// <summary>
/// Storage floors: a plain TableClient against the same Azurite, at the same concurrency, doing a document's round
/// trips with no hub around them. No hub could go faster on this storage; the report divides the hub's rate by them.
/// </summary>
internal static class StorageFloor
{
    /// <summary>
    /// The fixed minimum a document's life needs, six round trips (RDR or claim alike): its intake as one batch in the
    /// dealer's partition (document, raw payload, two keys, delivery work), one single insert (its VIN reservation),
    /// then twice a point read of the document and a batch (replace the document, write a work row) — the delivery's
    /// outcome and one OEM event.
    /// </summary>
    public const string MinimalDefinition =
        "per document: 1 batch of 5 entities (intake), 1 single insert (VIN reservation), then 2 × (1 point read of the document + 1 batch of 2 entities)";

    public sealed record Result(string Definition, double RoundTripsPerDocument, int Documents, long RoundTrips, double Seconds, double DocumentsPerSecond, double RoundTripsPerSecond);

    public static Task<Result> MeasureMinimalAsync(string connectionString, int documents, int concurrency) =>
        MeasureAsync(connectionString, MinimalDefinition, 6, documents, concurrency, MinimalDocumentAsync);

    /// <summary>The hub's own round trips per document by kind (point reads, queries, single writes, batches), replayed.</summary>
    public static Task<Result> MeasureSameTripsAsync(string connectionString, IReadOnlyDictionary<string, double> perDocument, int documents, int concurrency) =>
        MeasureAsync(connectionString, "the hub's round trips per document by kind: " + string.Join(", ", perDocument.Select(k => $"{k.Key} {k.Value}")),
            Math.Round(perDocument.Values.Sum(), 2), documents, concurrency, (table, random, padding) => SameTripsDocumentAsync(table, random, padding, perDocument));

    private static async Task<Result> MeasureAsync(string connectionString, string definition, double tripsPerDocument, int documents, int concurrency,
        Func<TableClient, Random, string, Task<int>> document)
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
                Interlocked.Add(ref roundTrips, await document(table, random, padding));
            }
        }));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await table.DeleteAsync();
        return new Result(definition, tripsPerDocument, documents, roundTrips, Math.Round(seconds, 2), Math.Round(documents / seconds, 1), Math.Round(roundTrips / seconds, 1));
    }

    private static async Task<int> MinimalDocumentAsync(TableClient table, Random random, string padding)
    {
        var partition = $"p{random.Next(16)}";
        var id = Guid.NewGuid().ToString("N");
        await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, Row(partition, "d" + id, padding)),
            new(TableTransactionActionType.Add, Row(partition, "p" + id, padding)),
            new(TableTransactionActionType.Add, Row(partition, "k1" + id, string.Empty)),
            new(TableTransactionActionType.Add, Row(partition, "k2" + id, string.Empty)),
            new(TableTransactionActionType.Add, Row(partition, "w" + id, string.Empty)),
        ]);
        await table.AddEntityAsync(Row("vin|" + id, "retail", string.Empty));
        for (var step = 0; step < 2; step++)
        {
            var document = (await table.GetEntityAsync<TableEntity>(partition, "d" + id)).Value;
            await table.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.UpdateReplace, Row(partition, "d" + id, padding), document.ETag),
                new(TableTransactionActionType.UpsertReplace, Row(partition, "w" + id, string.Empty)),
            ]);
        }

        return 6;
    }

    private static async Task<int> SameTripsDocumentAsync(TableClient table, Random random, string padding, IReadOnlyDictionary<string, double> perDocument)
    {
        var partition = $"p{random.Next(16)}";
        var trips = 0;
        foreach (var (kind, mean) in perDocument)
        {
            // Whole round trips with the hub's average: floor(mean), plus one more with the fractional chance.
            var count = (int)mean + (random.NextDouble() < mean - (int)mean ? 1 : 0);
            for (var i = 0; i < count; i++)
            {
                await RoundTripAsync(table, kind, partition, random, padding);
                trips++;
            }
        }

        return trips;
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
