using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Dms.Hub;
using Dms.Hub.Common;
using Dms.Hub.Dealers;
using Dms.Hub.Registry;
using Dms.Hub.RetailDeliveries;
using Dms.Hub.Sales;
using Dms.Hub.Workflow;
using Dms.Adapters.AzureStorage;
using Dms.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Bench;

/// <summary>
/// Seeds a million RDRs into the hub's storage the way a migration would, through the hub's own storage layer (not
/// HTTP): <see cref="SalesHistoryImport"/> writes the documents 100 to an entity-group transaction (16 in flight,
/// without number keys: no benchmark document is sent again) and sums their rollups in memory, written as whole
/// aggregate rows — so the rollups are exactly those of the seeded documents. 200 dealers in 5 regions × 4 districts, 24 months, 12 models, 5 sale types, 4 % unwound.
/// </summary>
/// <remarks>
/// In key order: Azurite keeps a table as one in-memory collection with sorted index arrays on PartitionKey and
/// RowKey, so a row inserted in the middle moves every index entry after it — time proportional to the table, per
/// row (a million rows in random order would take most of an hour). The dealers' codes are chosen so that code order
/// is partition order (<see cref="ShardOf"/>, the hub's own partitioning with its benchmark shard count), and each
/// dealer's documents are written in tracking-ID order: every row lands at the end of both indexes. The codes start
/// with "A", before every dealer a later phase registers, so those phases' rows never land in front of a million.
/// </remarks>
internal static class HqSeeder
{
    public static readonly string[] Regions = ["North", "South", "East", "West", "Central"];
    private static readonly string[] Models = Enumerable.Range(1, 12).Select(i => $"M{i:D2}-{(i % 2 == 0 ? "SUV" : "SED")}").ToArray();
    private static readonly string[] SaleTypes = ["Retail", "Retail", "Lease", "Fleet", "Demo", "DealerTrade"];

    public const int Dealers = 200;

    /// <summary>Seeded truth: sale month × region × model → (sold, unwound).</summary>
    public sealed record Seeded(int Documents, double Seconds, Dictionary<(string Month, string Region, string Model), (long Sold, long Unwound)> Tally);

    public static async Task<Seeded> SeedAsync(string connectionString, int count, TextWriter output)
    {
        var settings = HubSettings.Defaults(connectionString, "bench", "http://127.0.0.1:9/unused", "http://127.0.0.1:9/unused");
        settings["Dms:Storage:ShardCount"] = Profiles.Hub()["Dms:Storage:ShardCount"];

        // A bulk load, not a request: near a million RDRs Azurite's heap is several GB and one of its pauses outlasted
        // the hub's 5 s timeout three times on the final rollup import (2026-12-01 00:02, load 19) and ended the run.
        settings["Dms:Storage:TimeoutSeconds"] = "60";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddMetrics();
        services.AddDmsHub(configuration).AddAzureStorageAdapter(configuration);
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IDealerStore>();
        foreach (var i in Enumerable.Range(0, Dealers))
        {
            await store.UpsertAsync(new Dealer { Code = DealerCode(i), Name = "Bench dealer " + i, Region = Regions[i % Regions.Length], District = District(i), Brand = "Aurora", CreatedAt = DateTimeOffset.UtcNow.AddYears(-3) }, CancellationToken.None);
        }

        var tally = new Dictionary<(string, string, string), (long, long)>();
        var started = Stopwatch.GetTimestamp();
        var type = provider.GetRequiredService<DocumentTypeRegistry>().Get(RetailDeliveryType.TypeName);
        var seeded = await provider.GetRequiredService<SalesHistoryImport>().ImportAsync(GenerateAsync(type, count, tally, output, started), withNumberKeys: false, CancellationToken.None);
        return new Seeded(seeded, Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 1), tally);
    }

    private static readonly string[] Codes = ChooseCodes(int.Parse(Profiles.Hub()["Dms:Storage:ShardCount"], CultureInfo.InvariantCulture));

    public static string DealerCode(int i) => Codes[i];

    /// <summary>Dealer i's code: "AQ" + i + a suffix that puts it in partition i × shards / dealers — code order is partition order.</summary>
    private static string[] ChooseCodes(int shards) => Enumerable.Range(0, Dealers)
        .Select(i => Enumerable.Range(0, 10_000).Select(j => $"AQ{i:D3}{j:D4}").First(code => ShardOf(code, shards) == i * shards / Dealers))
        .ToArray();

    /// <summary>The hub's partition of a dealer (the storage adapter's TableSet.ShardOf: SHA-256 of the code, modulo the shard count).</summary>
    private static int ShardOf(string dealerCode, int shards) =>
        (int)(BitConverter.ToUInt32(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(dealerCode)), 0) % (uint)shards);

    public static string District(int i) => Regions[i % Regions.Length] + "-" + ((i / Regions.Length % 4) + 1);

    private static async IAsyncEnumerable<DocumentRecord> GenerateAsync(DocumentType type, int count, Dictionary<(string, string, string), (long, long)> tally, TextWriter output, long started, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var random = new Random(1_000_000);
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-24);
        var days = new DateOnly(today.Year, today.Month, 1).DayNumber - first.DayNumber;
        var n = 0;
        for (var dealer = 0; dealer < Dealers; dealer++)
        {
            // One dealer at a time, its documents in tracking-ID order (key order: see the remarks above).
            var documents = new List<DocumentRecord>();
            for (var end = (int)((long)count * (dealer + 1) / Dealers); n < end; n++)
            {
                var delivered = first.AddDays(random.Next(days));
                var sale = delivered.AddDays(-random.Next(4));
                var model = Models[random.Next(Models.Length)];
                var lag = random.NextDouble() switch { < 0.6 => 0, < 0.8 => 1, < 0.9 => 2, < 0.97 => random.Next(3, 8), _ => random.Next(8, 40) };
                var submitted = new DateTimeOffset(delivered.AddDays(lag).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
                var unwound = random.NextDouble() < 0.04;
                var number = "HQ-" + n.ToString("D7", CultureInfo.InvariantCulture);
                var body = type.Canonicalize(new JsonObject
                {
                    ["reportNumber"] = number, ["vin"] = Vin.WithCheckDigit($"LBNCH000X{n:D8}"), ["saleDate"] = Date(sale), ["deliveryDate"] = Date(delivered),
                    ["deliveryOdometer"] = new JsonObject { ["value"] = 10, ["unit"] = "km" }, ["saleType"] = SaleTypes[random.Next(SaleTypes.Length)],
                    ["vehicle"] = new JsonObject { ["modelCode"] = model, ["modelYear"] = delivered.Year }, ["buyer"] = new JsonObject { ["type"] = "Person", ["name"] = "Bench Buyer" },
                })!.Body;
                var key = (sale.ToString("yyyy-MM", CultureInfo.InvariantCulture), Regions[dealer % Regions.Length], model);
                var (sold, back) = tally.GetValueOrDefault(key);
                tally[key] = (sold + 1, back + (unwound ? 1 : 0));
                var at = submitted < now ? submitted : now;
                var document = new DocumentRecord
                {
                    TrackingId = TrackingIds.New(DealerCode(dealer), at), DocumentType = type.Name, DealerCode = DealerCode(dealer), DocumentNumber = number,
                    Status = unwound ? RetailDeliveryStates.Unwound : RetailDeliveryStates.Accepted, SubmittedAt = at, UpdatedAt = at, Body = body, Revision = 1,
                };
                document.Timeline.Add(new TimelineEntry(1, at, "Submitted", null, document.Status, "bench-seed", "history", null, null));
                documents.Add(document);
            }

            foreach (var document in documents.OrderBy(d => d.TrackingId, StringComparer.Ordinal))
            {
                yield return document;
            }

            if (dealer % 20 == 19)
            {
                output.WriteLine($"   seeded {n} RDRs ({n / Stopwatch.GetElapsedTime(started).TotalSeconds:F0}/s)");
            }
        }

        await Task.CompletedTask;
        cancellationToken.ThrowIfCancellationRequested();
    }

    private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
