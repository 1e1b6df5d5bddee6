using System.Diagnostics;
using System.Text;
using Azure.Data.Tables;
using Dms.Adapters.AzureStorage;
using Dms.Adapters.Rest;
using Dms.Hub;
using Dms.Hub.Insights;
using Dms.Hub.Insights.Rebuild;
using Dms.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dms.Bench;

/// <summary>
/// ./dms bench --phase rebuild [--console-documents N]: the read-model rebuild's rate. N documents seeded as the console
/// bench seeds them (<see cref="ConsoleSeeder"/>: documents and a freshly loaded read model), then the read model
/// rebuilt from the documents and compared with the seeded one (counter rows, search by VIN and tracking ID, listed
/// documents); then a rebuild stopped halfway and resumed, compared again. Writes artifacts/bench/rebuild.md.
/// </summary>
internal static class RebuildBench
{
    public static async Task<bool> RunAsync(int documents, TextWriter output)
    {
        var report = new StringBuilder();
        void Say(string line)
        {
            output.WriteLine(line);
            report.AppendLine(line);
        }

        Say($"# Read-model rebuild: {documents} documents ({DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, commit {Machine.Describe()["commit"]})");
        Say($"- load before: {Machine.LoadAverage()}");
        var nodeOptions = Environment.GetEnvironmentVariable("NODE_OPTIONS");
        Environment.SetEnvironmentVariable("NODE_OPTIONS", "--max-old-space-size=8192");
        await using var azurite = AzuriteFixture.With("--max-semi-space-size=16", ["--disableTelemetry"]);
        await azurite.InitializeAsync();
        Environment.SetEnvironmentVariable("NODE_OPTIONS", nodeOptions);

        var hub = Profiles.Hub(maxAttempts: 30, maxDelaySeconds: 5);
        hub["Dms:Insights:LeaseSeconds"] = "5";
        var settings = HubSettings.Defaults(azurite.ConnectionString, "bench", "http://127.0.0.1:9/oem", "http://127.0.0.1:9/hq", "http://127.0.0.1:9/orders", "http://127.0.0.1:9/parts");
        foreach (var (key, value) in hub)
        {
            settings[key] = value;
        }

        settings["Dms:Storage:TimeoutSeconds"] = "60";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddMetrics();
        services.AddDmsHub(configuration).AddAzureStorageAdapter(configuration).AddRestAdapter(configuration);
        await using var provider = services.BuildServiceProvider();
        var initializer = provider.GetServices<IHostedService>().OfType<BackgroundService>().Single(s => s.GetType().Name == "StorageInitializer");
        await initializer.StartAsync(CancellationToken.None);
        await initializer.ExecuteTask!;

        var seeded = await ConsoleSeeder.SeedAsync(azurite.ConnectionString, hub, documents, output);
        Say($"- seeded {seeded.Documents} documents in {seeded.Seconds} s ({seeded.Documents / seeded.Seconds:F0}/s), load {Machine.LoadAverage()}");
        var tables = new TableServiceClient(azurite.ConnectionString);
        var before = await SnapshotAsync(provider, tables, seeded);
        Say($"- seeded read model: {before.Counters.Count} counter rows, {before.Searches.Count} searches sampled");

        var rebuild = provider.GetRequiredService<ReadModelRebuild>();
        var watch = Stopwatch.StartNew();
        var phases = new List<string>();
        var lastPhase = string.Empty;
        var lastLog = TimeSpan.Zero;
        rebuild.Observer = (c, _) =>
        {
            if (c.Phase != lastPhase)
            {
                phases.Add($"{c.Phase} from {watch.Elapsed.TotalSeconds:F1} s");
                lastPhase = c.Phase;
            }

            if (watch.Elapsed - lastLog > TimeSpan.FromSeconds(10))
            {
                lastLog = watch.Elapsed;
                output.WriteLine($"   {watch.Elapsed.TotalSeconds:F0} s: {c.Phase}, {c.Listed} listed ({c.Listed / watch.Elapsed.TotalSeconds:F0}/s), load {Machine.LoadAverage()}");
            }

            return Task.CompletedTask;
        };
        var loadStart = Machine.LoadAverage();
        var result = await rebuild.RunAsync("bench", "rebuild rate", CancellationToken.None);
        var took = watch.Elapsed.TotalSeconds;
        Say($"- **rebuild: {result!.Documents} documents in {took:F1} s ({result.Documents / took:F0} documents/s)**; load {loadStart} → {Machine.LoadAverage()}; phases: {string.Join(", ", phases)}");
        var passed = await CompareAsync(provider, tables, seeded, before, "after the rebuild", Say);

        // Stopped halfway (a crash: the lease is left to lapse), then resumed.
        rebuild.Observer = (c, _) => c.Phase == RebuildCheckpoint.Listing && c.Listed >= documents / 2 ? throw new OperationCanceledException("simulated crash") : Task.CompletedTask;
        watch.Restart();
        try
        {
            await rebuild.RunAsync("bench", "crash halfway", CancellationToken.None);
        }
        catch (OperationCanceledException)
        {
        }

        var stopped = await provider.GetRequiredService<IReadModelMaintenance>().GetCheckpointAsync(CancellationToken.None);
        var firstPart = watch.Elapsed.TotalSeconds;
        rebuild.Observer = null;
        watch.Restart();
        var resumed = await rebuild.RunAsync("bench", "resume", CancellationToken.None);
        Say($"- stopped at {stopped?.Phase} with {stopped?.Listed} listed after {firstPart:F1} s; resumed: {resumed!.Documents} documents in {watch.Elapsed.TotalSeconds:F1} s (incl. waiting ≤ 5 s for the stopped run's lease to lapse), resumed = {resumed.Resumed}; load {Machine.LoadAverage()}");
        passed &= await CompareAsync(provider, tables, seeded, before, "after the interrupted and resumed rebuild", Say);

        var folder = Path.Combine(RepoRoot.Path, "artifacts", "bench");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "rebuild.md"), report.ToString());
        return passed;
    }

    private sealed record Snapshot(List<string> Counters, Dictionary<string, string> Searches, long Listed);

    private static async Task<bool> CompareAsync(IServiceProvider provider, TableServiceClient tables, ConsoleSeeder.Seeded seeded, Snapshot before, string when, Action<string> say)
    {
        var after = await SnapshotAsync(provider, tables, seeded);
        var counters = before.Counters.SequenceEqual(after.Counters);
        var searches = before.Searches.Count == after.Searches.Count && before.Searches.All(s => after.Searches[s.Key] == s.Value);
        var listed = after.Listed == seeded.Documents;
        say($"- {when}: counter rows equal to the seeded ones: {counters} ({after.Counters.Count}); searches equal: {searches} ({after.Searches.Count}); listed {after.Listed} of {seeded.Documents}");
        return counters && searches && listed;
    }

    /// <summary>Counter rows (non-zero values), the hits of every sampled VIN and tracking ID, and how many documents are listed.</summary>
    private static async Task<Snapshot> SnapshotAsync(IServiceProvider provider, TableServiceClient tables, ConsoleSeeder.Seeded seeded)
    {
        var counters = new List<string>();
        await foreach (var row in tables.GetTableClient("benchinsightscounts").QueryAsync<TableEntity>())
        {
            var values = row.Where(p => p.Value is long n && n != 0).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value).ToList();
            if (!row.RowKey.StartsWith('~') && values.Count > 0)
            {
                counters.Add(row.RowKey + ":" + string.Join(";", values));
            }
        }

        var search = provider.GetRequiredService<DocumentSearch>();
        var searches = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in seeded.Vins.Take(150).Concat(seeded.TrackingIds.Take(150)))
        {
            var hits = await search.SearchAsync(key, ViewScope.Everything, CancellationToken.None);
            searches[key] = string.Join(",", hits.Hits.Select(h => h.Facts.TrackingId + "@" + h.Facts.Revision).Order(StringComparer.Ordinal));
        }

        long listed = 0;
        await foreach (var table in provider.GetRequiredService<IReadModelMaintenance>().ReadListedAsync(CancellationToken.None))
        {
            listed += table.Count;
        }

        return new Snapshot(counters, searches, listed);
    }
}
