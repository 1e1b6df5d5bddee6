using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Dms.DealerSimulator;
using Dms.Testing;

namespace Dms.Bench;

internal sealed record QueryResult(string Name, string Path, Percentiles Milliseconds);

internal sealed record HqResult(
    int Seeded, double SeedSeconds, double SeedDocumentsPerSecond, long AzuriteBytesBefore, long AzuriteBytesSeeded, long AzuriteBytesEnd, bool SeededFiguresMatch, double ColdQueryMilliseconds,
    IReadOnlyList<QueryResult> Queries, BurstResult? Burst)
{
    public bool Passed => SeededFiguresMatch && (Burst is null || (Burst.FiguresEqualExpected && Burst.FiguresEqualStorageRecount && Burst.ServerErrors == 0));
}

/// <summary>
/// A stack of its own (Azurite with room for a million documents; the recovery sweep at its default, paced by what
/// its scans of the documents table cost — on Azurite time proportional to the table), seeded through the storage layer; then HQ
/// breakdowns timed from a client, and a burst recounted.
/// </summary>
internal static class HqPhase
{
    private const int Iterations = 200;

    public static async Task<HqResult> RunAsync(ReportingBenchOptions options, TextWriter output)
    {
        var nodeOptions = Environment.GetEnvironmentVariable("NODE_OPTIONS");
        Environment.SetEnvironmentVariable("NODE_OPTIONS", "--max-old-space-size=8192");
        var hub = Profiles.Hub(maxAttempts: 30, maxDelaySeconds: 5);
        // The recovery sweep at its default: it paces itself to what its scans cost (SweepPacing). Slowed down to one
        // slice every 450 s (as before), work an attempt lost came round again only after up to an hour.
        hub["Dms:RateLimit:Enabled"] = "false";
        await using var stack = await Stack.StartAsync(hub, Profiles.Oem());
        Environment.SetEnvironmentVariable("NODE_OPTIONS", nodeOptions);

        var azuriteBefore = stack.AzuriteWorkingSetBytes();
        var seeded = await HqSeeder.SeedAsync(stack.Azurite.ConnectionString, options.HqRdrs, output);
        var azuriteSeeded = stack.AzuriteWorkingSetBytes();
        output.WriteLine($"   seeded {seeded.Documents} RDRs in {seeded.Seconds} s ({seeded.Documents / seeded.Seconds:F0}/s); Azurite resident {azuriteBefore / 1048576} → {azuriteSeeded / 1048576} MB ({(azuriteSeeded - azuriteBefore) / Math.Max(1, seeded.Documents)} bytes per RDR)");
        using var admin = stack.AdminClient();
        using var hq = stack.Hub.Client(await HqUserAsync(admin, null));
        using var east = stack.Hub.Client(await HqUserAsync(admin, "East"));
        var thisMonth = DateOnly.FromDateTime(DateTime.UtcNow);
        var to = thisMonth.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var from = thisMonth.AddMonths(-12).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var headline = $"/api/v1/hq/sales?basis=sale&granularity=month&groupBy=region,model&from={from}&to={to}";

        var cold = Stopwatch.StartNew();
        var first = await hq.GetJsonAsync(headline);
        var coldMs = Math.Round(cold.Elapsed.TotalMilliseconds, 1);
        var matches = Matches(first, seeded);
        output.WriteLine($"   cold month × region × model over 12 months: {coldMs} ms; equals the seeded truth: {matches}");

        var lastMonth = thisMonth.AddMonths(-1);
        var queries = new List<QueryResult>
        {
            await TimeAsync(hq, "month × region × model, 12 months (sale date)", headline),
            await TimeAsync(hq, "month × region × model, 12 months (delivery date)", headline.Replace("basis=sale", "basis=delivery", StringComparison.Ordinal)),
            await TimeAsync(east, "regional manager: month × district × model, 12 months", $"/api/v1/hq/sales?granularity=month&groupBy=district,model&from={from}&to={to}"),
            await TimeAsync(hq, "day × dealer, one month", $"/api/v1/hq/sales?granularity=day&groupBy=dealer&from={lastMonth:yyyy-MM}-01&to={lastMonth.AddMonths(1).AddDays(-lastMonth.Day):yyyy-MM-dd}"),
            await TimeAsync(hq, "month vs last year, CSV export by district", $"/api/v1/hq/sales?granularity=month&groupBy=district&from={to}&to={to}&format=csv"),
        };
        foreach (var q in queries)
        {
            output.WriteLine($"   {q.Name}: p50 {q.Milliseconds.P50} ms, p99 {q.Milliseconds.P99} ms");
        }

        // --burst-rdrs 0 leaves the burst out (a run that only has time to seed and time the breakdowns).
        var burst = options.BurstRdrs > 0 ? await HqBurst.RunAsync(stack, hq, options.BurstRdrs, options.BurstDealers, output) : null;
        var azuriteEnd = stack.AzuriteWorkingSetBytes();
        output.WriteLine($"   Azurite resident at the end: {azuriteEnd / 1048576} MB");
        return new HqResult(seeded.Documents, seeded.Seconds, Math.Round(seeded.Documents / seeded.Seconds, 1), azuriteBefore, azuriteSeeded, azuriteEnd, matches, coldMs, queries, burst);
    }

    private static bool Matches(JsonObject figures, HqSeeder.Seeded seeded) =>
        figures["rows"]!.AsArray().Select(r => r!.AsObject()).Where(r => r["sold"]!.GetValue<long>() > 0)
            .All(r => seeded.Tally.TryGetValue((r["period"]!.GetValue<string>(), r["region"]!.GetValue<string>(), r["model"]!.GetValue<string>()), out var t)
                && t.Sold == r["sold"]!.GetValue<long>() && t.Unwound == r["unwound"]!.GetValue<long>())
        && figures["rows"]!.AsArray().Sum(r => r!["sold"]!.GetValue<long>()) == seeded.Tally
            .Where(t => string.CompareOrdinal(t.Key.Month, figures["from"]!.GetValue<string>()) >= 0 && string.CompareOrdinal(t.Key.Month, figures["to"]!.GetValue<string>()) <= 0)
            .Sum(t => t.Value.Sold);

    private static async Task<QueryResult> TimeAsync(HttpClient client, string name, string path)
    {
        var samples = new List<double>();
        for (var i = 0; i < Iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return new QueryResult(name, path, Percentiles.Of(samples));
    }

    public static async Task<string> HqUserAsync(HttpClient admin, string? region)
    {
        var body = new JsonObject { ["id"] = "bench-" + Guid.NewGuid().ToString("N")[..8], ["name"] = "Bench HQ", ["role"] = region is null ? "hq" : "regional-manager" };
        if (region is not null)
        {
            body["region"] = region;
        }

        using var response = await admin.PostAsJsonAsync("/api/v1/admin/hq-users", body);
        return (await response.EnsureSuccessStatusCode().ReadJsonAsync())["apiKey"]!.GetValue<string>();
    }
}
