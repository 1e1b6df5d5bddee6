using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Dms.DealerSimulator;
using Dms.Testing;

namespace Dms.Bench;

/// <summary>
/// ./dms parts-bench: the suggested stock order's cost. Azurite (in memory), a WireMock OEM and the hub as its own
/// process with a generated part master; then (1) one dealer with <c>parts</c> stocked parts: snapshot intake and a
/// suggestion (three times), and (2) the nightly run for <c>dealers</c> dealers of <c>dealerParts</c> parts each.
/// Reports wall time, the hub's CPU and its working set (GET /admin/runtime); writes artifacts/bench/parts-suggestions.md.
/// </summary>
internal static class PartsSuggestionBench
{
    private const int HistoryEvery = 10;

    public static async Task<int> RunAsync(int parts, int dealers, int dealerParts, TextWriter output)
    {
        var folder = Directory.CreateTempSubdirectory("dms-parts-bench");
        var partMaster = Path.Combine(folder.FullName, "part-master.json");
        await File.WriteAllTextAsync(partMaster, PartMaster(parts).ToJsonString());
        output.WriteLine($"Parts benchmark: Azurite (in memory), a stub OEM and the hub; part master of {parts:N0} parts...");
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        using var oem = new OemStub();
        var settings = HubSettings.Defaults(azurite.ConnectionString, "parts", oem.ClaimsUrl, oem.RdrUrl, oem.OrdersUrl, oem.PartsUrl);
        settings["Dms:Documents:PartsOrder:PartMasterFile"] = partMaster;
        settings["Dms:Documents:PartsOrder:Suggestions:AutoSubmitDealers:0"] = "*";
        settings["Dms:Documents:PartsOrder:Suggestions:NightlyAtUtc"] = "23:59:59";
        settings["Dms:Work:ScheduledJobsIntervalSeconds"] = "3600";
        settings["Logging:LogLevel:Default"] = "Warning";
        try
        {
            await using var hub = await HubProcess.StartAsync(settings);
            using var admin = hub.Client(HubSettings.AdminKey);
            admin.Timeout = TimeSpan.FromMinutes(30); // the nightly run for hundreds of dealers is one request
            var start = await RuntimeAsync(admin);

            output.WriteLine($"== One dealer, {parts:N0} stocked parts (every {HistoryEvery}th with 180 days of daily demand)");
            var big = await TestDealer.RegisterAsync(admin);
            using var dealer = hub.Client(big.ApiKey);
            dealer.Timeout = TimeSpan.FromMinutes(10);
            var snapshot = Snapshot("BIG-1", parts, 0, new Random(7));
            var bytes = Encoding.UTF8.GetBytes(snapshot.ToJsonString());
            var intake = await TimeAsync(() => PostAsync(dealer, "/api/v1/parts-inventory", bytes));
            output.WriteLine($"   snapshot {bytes.Length / 1e6:0.0} MB stored in {intake.Seconds:0.00} s");
            var suggestions = new List<(double Seconds, JsonObject Body)>();
            for (var i = 0; i < 3; i++)
            {
                suggestions.Add(await TimeAsync(() => PostAsync(dealer, "/api/v1/parts-orders/suggestions", null)));
            }

            var single = await RuntimeAsync(admin);
            var lines = suggestions[^1].Body["lines"]!.AsArray().Count;
            output.WriteLine($"   suggestion: {string.Join(" / ", suggestions.Select(s => $"{s.Seconds:0.00} s"))} ({lines:N0} lines to order); hub peak working set {single.Peak / 1e6:0} MB");

            output.WriteLine($"== Nightly run: {dealers} dealers × {dealerParts:N0} parts");
            var loading = Stopwatch.StartNew();
            var codes = new List<string>();
            await Parallel.ForEachAsync(Enumerable.Range(0, dealers), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            {
                var registered = await TestDealer.RegisterAsync(admin);
                using var client = hub.Client(registered.ApiKey);
                await PostAsync(client, "/api/v1/parts-inventory", Encoding.UTF8.GetBytes(Snapshot("N-1", dealerParts, i * 7919 % Math.Max(1, parts - dealerParts), new Random(i)).ToJsonString()));
                lock (codes)
                {
                    codes.Add(registered.Code);
                }
            });
            output.WriteLine($"   {dealers} dealers registered and their snapshots stored in {loading.Elapsed.TotalSeconds:0.0} s");
            var before = await RuntimeAsync(admin);
            var nightly = await TimeAsync(() => PostAsync(admin, "/api/v1/admin/parts-suggestions/nightly-runs", null));
            var after = await RuntimeAsync(admin);
            output.WriteLine($"   nightly run: {nightly.Seconds:0.0} s, {nightly.Body["ordersSubmitted"]} orders for {nightly.Body["dealers"]} dealers; hub CPU {after.Cpu - before.Cpu:0.0} s; peak working set {after.Peak / 1e6:0} MB");

            var report = new JsonObject
            {
                ["machine"] = Machine.Describe(),
                ["singleDealer"] = new JsonObject
                {
                    ["stockedParts"] = parts, ["snapshotBytes"] = bytes.Length, ["snapshotSeconds"] = Round(intake.Seconds),
                    ["suggestionSeconds"] = new JsonArray([.. suggestions.Select(s => (JsonNode)Round(s.Seconds))]), ["linesToOrder"] = lines,
                    ["hubPeakWorkingSetBytes"] = single.Peak, ["hubGcHeapBytes"] = single.Heap, ["hubCpuSeconds"] = Round(single.Cpu - start.Cpu),
                },
                ["nightly"] = new JsonObject
                {
                    ["dealers"] = dealers, ["partsPerDealer"] = dealerParts, ["seconds"] = Round(nightly.Seconds), ["report"] = nightly.Body.DeepClone(),
                    ["hubCpuSeconds"] = Round(after.Cpu - before.Cpu), ["hubPeakWorkingSetBytes"] = after.Peak, ["hubGcHeapBytes"] = after.Heap,
                },
            };
            await WriteAsync(report, output);
            return nightly.Body["failed"]!.AsArray().Count == 0 ? 0 : 1;
        }
        finally
        {
            await azurite.DisposeAsync();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Parts BP-000000 …: a tenth sold in packs of 5, some in pairs; one in a hundred superseded by the next, one in two hundred discontinued.</summary>
    private static JsonArray PartMaster(int parts) => new([.. Enumerable.Range(0, parts).Select(i => (JsonNode)new JsonObject
    {
        ["partNumber"] = Number(i),
        ["packSize"] = i % 10 == 0 ? 5 : i % 7 == 0 ? 2 : 1,
        ["supersededBy"] = i % 100 == 99 && i + 1 < parts ? Number(i + 1) : null,
        ["discontinued"] = i % 200 == 3,
    })]);

    private static JsonObject Snapshot(string id, int parts, int first, Random random)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var stock = new JsonArray();
        for (var i = first; i < first + parts; i++)
        {
            var yearly = random.Next(0, 400);
            var part = new JsonObject { ["partNumber"] = Number(i), ["onHand"] = random.Next(0, 12), ["onOrder"] = random.Next(0, 3), ["twelveMonthSales"] = yearly };
            if (i % HistoryEvery == 0)
            {
                part["dailyDemand"] = new JsonObject
                {
                    ["from"] = today.AddDays(-179).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["sales"] = new JsonArray([.. Enumerable.Range(0, 180).Select(_ => (JsonNode)random.Next(0, 3))]),
                };
            }

            stock.Add(part);
        }

        return new JsonObject { ["snapshotId"] = id, ["kind"] = "Full", ["asOf"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), ["parts"] = stock };
    }

    private static string Number(int i) => "BP-" + i.ToString("D6", CultureInfo.InvariantCulture);

    private static async Task<JsonObject> PostAsync(HttpClient client, string path, byte[]? body)
    {
        using var content = body is null ? null : new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } };
        using var response = await client.PostAsync(path, content);
        var json = await response.ReadJsonAsync();
        return response.IsSuccessStatusCode ? json : throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {json.ToJsonString()[..Math.Min(500, json.ToJsonString().Length)]}");
    }

    private static async Task<(double Seconds, JsonObject Body)> TimeAsync(Func<Task<JsonObject>> call)
    {
        var watch = Stopwatch.StartNew();
        var body = await call();
        return (watch.Elapsed.TotalSeconds, body);
    }

    private static async Task<(double Cpu, long Peak, long Heap)> RuntimeAsync(HttpClient admin)
    {
        var view = await admin.GetJsonAsync("/api/v1/admin/runtime");
        return (view["cpuSeconds"]!.GetValue<double>(), view["peakWorkingSetBytes"]!.GetValue<long>(), view["gcHeapBytes"]!.GetValue<long>());
    }

    private static double Round(double value) => Math.Round(value, 2);

    private static async Task WriteAsync(JsonObject report, TextWriter output)
    {
        var folder = Path.Combine(RepoRoot.Path, "artifacts", "bench");
        Directory.CreateDirectory(folder);
        var single = report["singleDealer"]!;
        var nightly = report["nightly"]!;
        var markdown = new StringBuilder()
            .AppendLine("# Parts suggestion benchmark").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Machine: {report["machine"]!.ToJsonString()}").AppendLine()
            .AppendLine("| phase | size | time | hub CPU | hub peak working set | hub GC heap |")
            .AppendLine("|---|---|---|---|---|---|")
            .AppendLine(CultureInfo.InvariantCulture, $"| snapshot intake | {single["stockedParts"]} parts, {single["snapshotBytes"]!.GetValue<int>() / 1e6:0.0} MB | {single["snapshotSeconds"]} s | | | |")
            .AppendLine(CultureInfo.InvariantCulture, $"| suggestion, one dealer | {single["stockedParts"]} parts → {single["linesToOrder"]} lines | {string.Join(" / ", single["suggestionSeconds"]!.AsArray())} s | {single["hubCpuSeconds"]} s (with intake) | {single["hubPeakWorkingSetBytes"]!.GetValue<long>() / 1e6:0} MB | {single["hubGcHeapBytes"]!.GetValue<long>() / 1e6:0} MB |")
            .AppendLine(CultureInfo.InvariantCulture, $"| nightly run | {nightly["dealers"]} dealers × {nightly["partsPerDealer"]} parts → {nightly["report"]!["ordersSubmitted"]} orders | {nightly["seconds"]} s | {nightly["hubCpuSeconds"]} s | {nightly["hubPeakWorkingSetBytes"]!.GetValue<long>() / 1e6:0} MB | {nightly["hubGcHeapBytes"]!.GetValue<long>() / 1e6:0} MB |");
        await File.WriteAllTextAsync(Path.Combine(folder, "parts-suggestions.json"), report.ToJsonString(SimulationJson.Options));
        await File.WriteAllTextAsync(Path.Combine(folder, "parts-suggestions.md"), markdown.ToString());
        output.WriteLine();
        output.WriteLine(markdown);
        output.WriteLine($"Report written to {Path.Combine(folder, "parts-suggestions.md")}");
    }
}
