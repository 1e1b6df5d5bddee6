using System.Diagnostics;
using System.Runtime.CompilerServices;
using Dms.Adapters.AzureStorage;
using Dms.Adapters.Rest;
using Dms.Functions.Startup.History;
using Dms.Hub;
using Dms.Hub.Dealers;
using Dms.Hub.Insights;
using Dms.Hub.Workflow;
using Dms.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Bench;

/// <summary>
/// Seeds the console's million documents the way a migration would, through the storage adapter's bulk paths (not
/// HTTP): <see cref="InsightsHistoryImport"/> writes the documents 100 to an entity-group transaction and the read model
/// beside them (listing rows, search keys, open sets), and the counters once, summed. The documents are the demo's
/// history generator's — all four types, submitted on REST, SOAP and batch, delivered, failed, dead-lettered and
/// answered by the OEM — from 200 dealers in 5 regions × 4 districts over the last 30 days; claims and VOR orders
/// mostly name vehicles already sold, so a VIN finds several types.
/// </summary>
internal static class ConsoleSeeder
{
    public const int Days = 30;
    private static readonly string[] Types = ["retail-delivery-report", "warranty-claim", "vehicle-order", "parts-order"];

    /// <summary>What was seeded, and samples to query by: VINs, document numbers, tracking IDs and dealers.</summary>
    public sealed record Seeded(int Documents, double Seconds, IReadOnlyList<string> Vins, IReadOnlyList<string> Numbers, IReadOnlyList<string> TrackingIds, IReadOnlyList<Dealer> Dealers);

    /// <param name="hub">The hub's own settings on top of the defaults (its shard count decides where a document is stored).</param>
    public static async Task<Seeded> SeedAsync(string connectionString, IReadOnlyDictionary<string, string> hub, int count, TextWriter output)
    {
        var settings = HubSettings.Defaults(connectionString, "bench", "http://127.0.0.1:9/oem", "http://127.0.0.1:9/hq", "http://127.0.0.1:9/orders", "http://127.0.0.1:9/parts");
        foreach (var (key, value) in hub)
        {
            settings[key] = value;
        }

        // A migration, not the hub: sixteen batches at once queue in Azurite's one thread, and on a loaded machine the last
        // of them waited past the 5 s request timeout of the test settings (the counters' wide rows, at the end).
        settings["Dms:Storage:TimeoutSeconds"] = "60";

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddMetrics();
        services.AddDmsHub(configuration).AddAzureStorageAdapter(configuration).AddRestAdapter(configuration);
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IDealerStore>();
        var dealers = Enumerable.Range(0, HqSeeder.Dealers).Select(i => new Dealer
        {
            Code = HqSeeder.DealerCode(i), Name = "Console dealer " + i, Region = HqSeeder.Regions[i % HqSeeder.Regions.Length],
            District = HqSeeder.District(i), Brand = "Aurora", CreatedAt = DateTimeOffset.UtcNow.AddYears(-3),
        }).ToList();
        foreach (var dealer in dealers)
        {
            await store.UpsertAsync(dealer, CancellationToken.None);
        }

        var samples = new Samples();
        var started = Stopwatch.GetTimestamp();
        var seeded = await provider.GetRequiredService<InsightsHistoryImport>().ImportAsync(GenerateAsync(provider, dealers, count, samples, output, started), CancellationToken.None);
        return new Seeded(seeded, Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 1), samples.Vins, samples.Numbers, samples.TrackingIds, dealers);
    }

    /// <summary>
    /// Dealer after dealer (code order is the documents table's partition order, <see cref="HqSeeder.DealerCode"/>), each
    /// dealer's documents in row-key order (type, then tracking ID): Azurite inserts a row into sorted index arrays, so
    /// a row written out of key order moves every entry after it — key order keeps the documents table's inserts at
    /// the end. Each dealer's documents are generated in time order first, so its claims and VOR orders can name the
    /// vehicles it sold earlier.
    /// </summary>
    private static async IAsyncEnumerable<DocumentRecord> GenerateAsync(IServiceProvider services, List<Dealer> dealers, int count, Samples samples, TextWriter output, long started, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var generator = new HistoryGenerator(services);
        var random = new Random(13_000_000);
        var now = DateTimeOffset.UtcNow;
        var since = now.AddDays(-Days);
        var sampleEvery = Math.Max(1, count / 2000);
        var (n, reported, since100k) = (0, 0, started);
        for (var d = 0; d < dealers.Count; d++)
        {
            var dealer = dealers[d];
            var share = (count / dealers.Count) + (d < count % dealers.Count ? 1 : 0);
            var plan = Enumerable.Range(0, share).Select(_ => (Type: Types[random.Next(Types.Length)], At: since.AddSeconds(random.NextDouble() * (now - since).TotalSeconds)))
                .OrderBy(p => p.At).ToList();
            var sold = new List<string>();
            var made = new List<DocumentRecord>(share);
            foreach (var (type, submitted) in plan)
            {
                var vin = type is "warranty-claim" or "parts-order" && sold.Count > 0 && random.Next(10) < 7 ? sold[random.Next(sold.Count)] : null;
                if (generator.Build(type, dealer, n++, submitted, now, random, vin) is not { } generated)
                {
                    continue;
                }

                var document = generated.Record;
                if (type == "retail-delivery-report" && document.Body["vin"]?.GetValue<string>() is { } delivered)
                {
                    sold.Add(delivered);
                }

                if (n % sampleEvery == 0)
                {
                    samples.Add(document, document.Body["vin"] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text) ? text : null);
                }

                made.Add(document);
            }

            foreach (var document in made.OrderBy(m => m.DocumentType, StringComparer.Ordinal).ThenBy(m => m.TrackingId, StringComparer.Ordinal))
            {
                yield return document;
            }

            if (n - reported >= 100_000)
            {
                output.WriteLine($"   seeded {n} documents ({n / Stopwatch.GetElapsedTime(started).TotalSeconds:F0}/s; the last {n - reported}: {(n - reported) / Stopwatch.GetElapsedTime(since100k).TotalSeconds:F0}/s) at {DateTimeOffset.UtcNow:HH:mm:ss}");
                (reported, since100k) = (n, Stopwatch.GetTimestamp());
            }
        }

        await Task.CompletedTask;
        cancellationToken.ThrowIfCancellationRequested();
    }

    private sealed class Samples
    {
        public List<string> Vins { get; } = [];

        public List<string> Numbers { get; } = [];

        public List<string> TrackingIds { get; } = [];

        public void Add(DocumentRecord document, string? vin)
        {
            if (vin is not null)
            {
                Vins.Add(vin);
            }

            Numbers.Add(document.DocumentNumber);
            TrackingIds.Add(document.TrackingId);
        }
    }
}
