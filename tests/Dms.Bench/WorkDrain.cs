using System.Diagnostics;
using Azure.Data.Tables;

namespace Dms.Bench;

/// <summary>
/// Waits until the work some documents caused is done: no work item of their dealers is left in storage that is due
/// within <see cref="Horizon"/> (deliveries, effects, sales rollups, notifications, retries). Unlike waiting for an
/// idle hub, the hub's own background (the console's projector, sweeps, scheduled jobs) does not keep it waiting.
/// </summary>
/// <remarks>
/// Reads the hub's work rows straight from the documents table (one query per look, every <see cref="Every"/>):
/// work is stored in its dealer's partition in the same transaction as the change that caused it and removed in the
/// same transaction as its outcome, so an empty set is the storage's own word that the work is done. Items scheduled
/// further ahead than the horizon (reminders, deadlines) are not the documents' work in progress.
/// </remarks>
internal static class WorkDrain
{
    public static readonly TimeSpan Horizon = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    /// <summary>Work items of <paramref name="dealers"/> due within the horizon, now.</summary>
    public static async Task<int> CountAsync(string connectionString, IReadOnlySet<string> dealers) =>
        (await LeftAsync(connectionString, dealers, ["DealerCode"])).Count;

    /// <summary>The work rows of <paramref name="dealers"/> due within the horizon, with the columns asked for.</summary>
    private static async Task<List<TableEntity>> LeftAsync(string connectionString, IReadOnlySet<string> dealers, IEnumerable<string>? select)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey ge {"w|"} and RowKey lt {"w|~"} and DueAt le {(DateTimeOffset.UtcNow + Horizon).UtcDateTime}");
        var left = new List<TableEntity>();
        await foreach (var table in DocumentTablesAsync(connectionString))
        {
            await foreach (var row in table.QueryAsync<TableEntity>(filter, 1000, select))
            {
                if (row.GetString("DealerCode") is { } dealer && dealers.Contains(dealer))
                {
                    left.Add(row);
                }
            }
        }

        return left;
    }

    /// <summary>What the work rows still left are (kind, document, attempt, due, lease, last error), so a stall can be looked into.</summary>
    private static async Task DescribeAsync(string connectionString, IReadOnlySet<string> dealers, TextWriter output)
    {
        foreach (var row in (await LeftAsync(connectionString, dealers, null)).Take(12))
        {
            var error = row.GetString("LastError") is { } e ? e[..Math.Min(e.Length, 160)].ReplaceLineEndings(" ") : "-";
            output.WriteLine($"      {row.GetString("Kind")} {row.GetString("TrackingId")} {row.GetString("Args")} attempt {row.GetInt32("Attempt")} " +
                $"created {row.GetDateTimeOffset("CreatedAt"):HH:mm:ss} due {row.GetDateTimeOffset("DueAt"):HH:mm:ss} leased until {row.GetDateTimeOffset("LeasedUntil"):HH:mm:ss}; last error: {error}");
        }
    }

    /// <summary>
    /// The deliveries of <paramref name="dealers"/> still in storage, times in seconds after <paramref name="reference"/>
    /// (due, leased until), so a drain's tail can be looked into while it waits.
    /// </summary>
    public static async Task DescribeDeliveriesAsync(string connectionString, IReadOnlySet<string> dealers, DateTimeOffset reference, TextWriter output)
    {
        double Seconds(DateTimeOffset? at) => at is { } t ? Math.Round((t - reference).TotalSeconds, 1) : double.NaN;
        foreach (var row in (await LeftAsync(connectionString, dealers, null)).Where(r => r.GetString("Kind") == "deliver").Take(12))
        {
            var error = row.GetString("LastError") is { } e ? e[..Math.Min(e.Length, 100)].ReplaceLineEndings(" ") : "-";
            output.WriteLine($"      deliver {row.GetString("DocumentType")} {row.GetString("TrackingId")} attempt {row.GetInt32("Attempt")} created {Seconds(row.GetDateTimeOffset("CreatedAt"))} s " +
                $"due {Seconds(row.GetDateTimeOffset("DueAt"))} s leased until {Seconds(row.GetDateTimeOffset("LeasedUntil"))} s; last error: {error}");
        }
    }

    /// <summary>Change markers of <paramref name="dealers"/>' documents still waiting for the console's read model.</summary>
    public static async Task<int> CountMarkersAsync(string connectionString, IReadOnlySet<string> dealers)
    {
        var count = 0;
        await foreach (var table in DocumentTablesAsync(connectionString))
        {
            await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey ge {"f|"} and RowKey lt {"f|~"}"), 1000, ["DealerCode"]))
            {
                count += row.GetString("DealerCode") is { } dealer && dealers.Contains(dealer) ? 1 : 0;
            }
        }

        return count;
    }

    /// <summary>The bench hub's documents tables: one per shard (<c>benchdocuments000</c> …), or the one table of a store written before.</summary>
    public static async IAsyncEnumerable<TableClient> DocumentTablesAsync(string connectionString)
    {
        var service = new TableServiceClient(connectionString);
        await foreach (var table in service.QueryAsync(TableServiceClient.CreateQueryFilter($"TableName ge {"benchdocuments"} and TableName lt {"benchdocuments~"}")))
        {
            yield return service.GetTableClient(table.Name);
        }
    }

    /// <summary>
    /// Looks until <paramref name="done"/> holds twice in a row (the work rows of <paramref name="dealers"/> gone, and
    /// whatever else the caller checks) or <paramref name="limit"/> passes; returns whether it held and after how long.
    /// </summary>
    public static async Task<(bool Drained, double Seconds)> WaitAsync(string connectionString, IReadOnlySet<string> dealers, TimeSpan limit, TextWriter output, Func<Task<bool>>? done = null)
    {
        var started = Stopwatch.GetTimestamp();
        var quiet = 0;
        var said = started;
        var described = false;
        while (Stopwatch.GetElapsedTime(started) < limit)
        {
            var asked = Stopwatch.GetTimestamp();
            var left = await CountAsync(connectionString, dealers);
            var took = Stopwatch.GetElapsedTime(asked);
            quiet = left == 0 && (done is null || await done()) ? quiet + 1 : 0;
            if (quiet >= 2)
            {
                return (true, Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 1));
            }

            if (Stopwatch.GetElapsedTime(said) > TimeSpan.FromSeconds(30))
            {
                said = Stopwatch.GetTimestamp();
                output.WriteLine($"   [{Stopwatch.GetElapsedTime(started).TotalSeconds,6:F0}s] {left} work items of the documents left (a look over the documents table took {took.TotalSeconds:F1} s)");

                // A few items left after a minute and more: say what they are, once.
                if (left is > 0 and <= 50 && !described && Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(60))
                {
                    described = true;
                    await DescribeAsync(connectionString, dealers, output);
                }
            }

            // Azurite answers by scanning the whole table: over a million rows a look is costly, so look less often.
            await Task.Delay(took * 4 > Every ? took * 4 : Every);
        }

        return (false, Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 1));
    }
}
