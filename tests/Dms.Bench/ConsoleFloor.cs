using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Dms.DealerSimulator;

namespace Dms.Bench;

/// <summary>
/// What Azurite itself costs for the reads the console pages are made of, timed straight against it (no hub): a point
/// read, a narrow range in the counter table (one type's hours of two days) and a listing page of the newest table —
/// each a scan of its whole table on Azurite — with the size of the table each scans. The floor under the page times.
/// </summary>
internal static class ConsoleFloor
{
    private const int Samples = 20;

    public static async Task<IReadOnlyList<PageResult>> MeasureAsync(string connectionString, TextWriter output)
    {
        var service = new TableServiceClient(connectionString);
        var counters = service.GetTableClient("benchinsightscounts");
        var now = DateTimeOffset.UtcNow;
        string Hour(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
        var range = TableClient.CreateQueryFilter($"PartitionKey eq {"c"} and RowKey ge {"h|*|warranty-claim|" + Hour(now.AddHours(-48))} and RowKey lt {"h|*|warranty-claim|" + Hour(now) + "~"}");
        var newest = new List<string>();
        await foreach (var table in service.QueryAsync(t => t.Name.CompareTo("benchlist") >= 0 && t.Name.CompareTo("benchlist~") < 0))
        {
            if (!table.Name.StartsWith("benchlistd", StringComparison.Ordinal) && !table.Name.StartsWith("benchlistr", StringComparison.Ordinal))
            {
                newest.Add(table.Name); // six-hour tables only: a dealer's week tables (listd) and regions' (listr) are not what an unfiltered page reads
            }
        }

        var listing = service.GetTableClient(newest.Max(StringComparer.Ordinal)!);
        var counterRows = await CountAsync(counters);
        var listingRows = await CountAsync(listing);
        output.WriteLine($"   storage floor: counter table {counterRows:N0} rows, newest listing table {listing.Name} {listingRows:N0} rows ({newest.Count} listing tables)");
        return
        [
            await TimeAsync($"storage floor: counter point read", async () => await counters.GetEntityIfExistsAsync<TableEntity>("c", "~watermark")),
            await TimeAsync($"storage floor: counter range, 48 hours of one type (table of {counterRows:N0} rows)", async () => await DrainAsync(counters.QueryAsync<TableEntity>(range))),
            await TimeAsync($"storage floor: listing page of 51 (table of {listingRows:N0} rows)", async () => await DrainAsync(listing.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"n"}"), 51), 51)),
        ];
    }

    private static async Task<PageResult> TimeAsync(string name, Func<Task> read)
    {
        var samples = new List<double>();
        for (var i = 0; i < Samples; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await read();
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return new PageResult(name, "", Percentiles.Of(samples), 0, 0, 300);
    }

    private static async Task DrainAsync(Azure.AsyncPageable<TableEntity> rows, int max = int.MaxValue)
    {
        var count = 0;
        await foreach (var _ in rows)
        {
            if (++count >= max)
            {
                break;
            }
        }
    }

    private static async Task<long> CountAsync(TableClient table)
    {
        long rows = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(select: ["RowKey"], maxPerPage: 1000))
        {
            rows++;
        }

        return rows;
    }
}
