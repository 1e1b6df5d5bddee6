using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Dms.Testing;

namespace Dms.Bench;

internal sealed record BurstResult(
    int Dealers, int Sent, int Accepted, int DuplicatesSent, int DuplicatesReplayed, int Unwound, int Retries, int ServerErrors, double Seconds, double AcceptedPerSecond,
    bool Settled, double SettledAfterSeconds, double RecountSeconds, bool FiguresEqualExpected, bool FiguresEqualStorageRecount, int Cells, int DeadLetters);

/// <summary>
/// RELIABILITY.md C5 at scale: many dealers of one new region report at once over REST (5 % sent twice, 5 % unwound
/// afterwards). Once the burst's work is done, its figures for the region must equal both what the dealers were told and a
/// recount of the stored documents, read straight from the documents table.
/// </summary>
internal static class HqBurst
{
    private static readonly string[] Models = ["B1-SUV", "B2-SED", "B3-EV"];
    private static readonly string[] SaleTypes = ["Retail", "Lease", "Fleet"];

    public static async Task<BurstResult> RunAsync(Stack stack, HttpClient hq, int documents, int dealerCount, TextWriter output)
    {
        var region = "Burst" + Random.Shared.Next(1000, 9999);
        using var admin = stack.AdminClient();
        var dealers = new List<TestDealer>();
        foreach (var batch in Enumerable.Range(0, dealerCount).Chunk(10))
        {
            dealers.AddRange(await Task.WhenAll(batch.Select(i => TestDealer.RegisterAsync(admin, $"B{region[5..]}{i:D3}", "mailbox", null, region, "Aurora", $"{region}-{i % 5}"))));
        }

        var expected = new ConcurrentDictionary<(string Month, string Dealer, string Model, string SaleType), (long Sold, long Unwound)>();
        var counters = new long[6]; // sent, accepted, duplicates sent, duplicates replayed, unwound, retries
        var serverErrors = 0;
        var started = Stopwatch.GetTimestamp();
        var perDealer = documents / dealerCount;
        await using var progress = new Timer(_ => output.WriteLine($"   [{Stopwatch.GetElapsedTime(started).TotalSeconds,6:F0}s] burst: {Interlocked.Read(ref counters[1])} accepted"), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
        await Task.WhenAll(dealers.Select((dealer, d) => Task.Run(async () =>
        {
            using var http = stack.Hub.Client(dealer.ApiKey);
            var random = new Random(d);
            for (var n = 0; n < perDealer; n++)
            {
                var delivered = TestDocuments.Today.AddDays(-1 - random.Next(40));
                var body = TestDocuments.Rdr(TestDocuments.NewVin(), delivered, $"BURST-{d:D3}-{n:D5}");
                body["saleDate"] = TestDocuments.Date(delivered.AddDays(-random.Next(3)));
                body["vehicle"]!["modelCode"] = Models[random.Next(Models.Length)];
                body["saleType"] = SaleTypes[random.Next(SaleTypes.Length)];
                var (status, answer) = await SendAsync(http, "/api/v1/retail-delivery-reports", body, counters);
                Interlocked.Increment(ref counters[0]);
                if (status >= 500)
                {
                    Interlocked.Increment(ref serverErrors);
                    continue;
                }

                Interlocked.Increment(ref counters[1]);
                var trackingId = answer["trackingId"]!.GetValue<string>();
                if (random.NextDouble() < 0.05)
                {
                    Interlocked.Increment(ref counters[2]);
                    var (_, replay) = await SendAsync(http, "/api/v1/retail-delivery-reports", body, counters);
                    if (replay["trackingId"]?.GetValue<string>() == trackingId)
                    {
                        Interlocked.Increment(ref counters[3]);
                    }
                }

                // With an Idempotency-Key: an unwind the hub applied but answered 503 (a storage call timed out after
                // the commit) is answered as it was when retried — without one the retry met an RDR already unwinding
                // (409) and the harness counted it as not unwound (the 300,000 run: 459 of the 460 unwinds, 9 retries).
                var unwound = random.NextDouble() < 0.05 && (await SendAsync(http, $"/api/v1/retail-delivery-reports/{trackingId}/unwind", new JsonObject { ["reason"] = "FINANCING_DECLINED" }, counters, "unwind-" + trackingId)).Status == 202;
                if (unwound)
                {
                    Interlocked.Increment(ref counters[4]);
                }

                var key = (body["saleDate"]!.GetValue<string>()[..7], dealer.Code, body["vehicle"]!["modelCode"]!.GetValue<string>(), body["saleType"]!.GetValue<string>());
                expected.AddOrUpdate(key, (1, unwound ? 1 : 0), (_, v) => (v.Sold + 1, v.Unwound + (unwound ? 1 : 0)));
            }
        })));
        await progress.DisposeAsync();
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        output.WriteLine($"   burst: {counters[1]} accepted in {seconds:F1} s ({counters[1] / seconds:F1}/s), {counters[3]}/{counters[2]} duplicates replayed, {counters[4]} unwound, {counters[5]} retries asked by the hub (429/503), {serverErrors} server errors");

        // Settled = no work of the burst's dealers left in storage and the figures equal what the dealers were told
        // (an unwind is decided by the OEM after its 202); the hub's background trickle does not keep this waiting.
        var months = expected.Keys.Select(k => k.Month).Order(StringComparer.Ordinal).ToList();
        var truth = expected.ToDictionary(e => e.Key, e => e.Value);
        var figuresPath = $"/api/v1/hq/sales?basis=sale&granularity=month&groupBy=dealer,model,saleType&region={region}&from={months[0]}&to={months[^1]}";
        var actual = new Dictionary<(string, string, string, string), (long, long)>();
        var (drained, settled) = await WorkDrain.WaitAsync(stack.Azurite.ConnectionString, dealers.Select(d => d.Code).ToHashSet(StringComparer.Ordinal), TimeSpan.FromMinutes(10), output,
            async () => Same(actual = await FiguresAsync(hq, figuresPath), truth));
        actual = await FiguresAsync(hq, figuresPath);
        var recounting = Stopwatch.GetTimestamp();
        var statuses = new Dictionary<string, int>(StringComparer.Ordinal);
        var recount = await RecountAsync(stack.Azurite.ConnectionString, "B" + region[5..], statuses);
        var recountSeconds = Stopwatch.GetElapsedTime(recounting).TotalSeconds;
        var deadLetters = (await admin.GetJsonAsync("/api/v1/admin/dead-letters"))["items"]!.AsArray().Count;
        var equalExpected = Same(actual, truth);
        var equalRecount = Same(actual, recount);
        output.WriteLine($"   {(drained ? "settled" : "NOT settled")} {settled:F1} s after the burst (recount read in {recountSeconds:F1} s); figures = expected: {equalExpected}; figures = storage recount: {equalRecount} ({actual.Count} cells); dead letters {deadLetters}");
        output.WriteLine($"   the region's stored RDRs by status: {string.Join(", ", statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} {s.Value}"))}");
        foreach (var key in truth.Keys.Union(actual.Keys).Where(k => truth.GetValueOrDefault(k) != actual.GetValueOrDefault(k)).Take(8))
        {
            // Says where a mismatch is, so it can be looked into rather than guessed at.
            output.WriteLine($"   differs: {key} told (sold, unwound) {truth.GetValueOrDefault(key)}, figures {actual.GetValueOrDefault(key)}, stored {recount.GetValueOrDefault(key)}");
        }

        return new BurstResult(dealerCount, (int)counters[0], (int)counters[1], (int)counters[2], (int)counters[3], (int)counters[4], (int)counters[5], serverErrors,
            Math.Round(seconds, 1), Math.Round(counters[1] / seconds, 1), drained, settled, Math.Round(recountSeconds, 1), equalExpected, equalRecount, actual.Count, deadLetters);
    }

    private static bool Same(Dictionary<(string, string, string, string), (long, long)> a, Dictionary<(string, string, string, string), (long, long)> b) =>
        a.Count == b.Count && a.All(x => b.TryGetValue(x.Key, out var y) && y == x.Value);

    /// <summary>Sends, retrying what the hub asks to retry (429, 503) after its Retry-After.</summary>
    internal static async Task<(int Status, JsonObject Body)> SendAsync(HttpClient http, string path, JsonObject body, long[] counters, string? idempotencyKey = null)
    {
        while (true)
        {
            using var response = await http.PostJsonAsync(path, body, idempotencyKey);
            if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
            {
                return ((int)response.StatusCode, await response.ReadJsonAsync());
            }

            Interlocked.Increment(ref counters[5]);
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromMilliseconds(200));
        }
    }

    private static async Task<Dictionary<(string, string, string, string), (long, long)>> FiguresAsync(HttpClient hq, string path) =>
        (await hq.GetJsonAsync(path))["rows"]!.AsArray().Select(r => r!.AsObject()).Where(r => r["sold"]!.GetValue<long>() > 0)
            .ToDictionary(r => (r["period"]!.GetValue<string>(), r["dealer"]!.GetValue<string>(), r["model"]!.GetValue<string>(), r["saleType"]!.GetValue<string>()),
                r => (r["sold"]!.GetValue<long>(), r["unwound"]!.GetValue<long>()));

    /// <summary>
    /// The region's figures recomputed from the stored documents themselves (status and body of every RDR), read
    /// straight from the documents tables in one query each over the burst's dealer codes (they share a prefix).
    /// </summary>
    private static async Task<Dictionary<(string, string, string, string), (long, long)>> RecountAsync(string connectionString, string dealerPrefix, Dictionary<string, int> statuses)
    {
        var tally = new Dictionary<(string, string, string, string), (long, long)>();
        var filter = TableClient.CreateQueryFilter($"RowKey ge {$"d|{dealerPrefix}"} and RowKey lt {$"d|{dealerPrefix}~"}");
        await foreach (var row in WorkDrain.DocumentTablesAsync(connectionString).SelectMany(table => table.QueryAsync<TableEntity>(filter, 1000)))
        {
            var parts = row.RowKey.Split('|');
            if (parts.Length < 3 || parts[2] != "retail-delivery-report")
            {
                continue;
            }

            var dealer = parts[1];
            var status = row.GetString("Status");
            statuses[status ?? "(none)"] = statuses.GetValueOrDefault(status ?? "(none)") + 1;
            if (status is not ("Accepted" or "UnwindPending" or "UnwindRejected" or "Unwound"))
            {
                continue;
            }

            var body = Dms.Adapters.AzureStorage.Internal.DocumentRows.Body(row);
            var key = (body["saleDate"]!.GetValue<string>()[..7], dealer, body["vehicle"]!["modelCode"]!.GetValue<string>(), body["saleType"]!.GetValue<string>());
            var (sold, unwound) = tally.GetValueOrDefault(key);
            tally[key] = (sold + 1, unwound + (status == "Unwound" ? 1 : 0));
        }

        return tally;
    }
}
