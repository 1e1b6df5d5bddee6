using Dms.Functions.Startup.History;
using Dms.Hub.Dealers;
using Dms.Hub.Insights;
using Dms.Hub.Registry;
using Dms.Hub.Storage;
using Dms.Hub.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Console.Tests.Insights;

/// <summary>
/// History loaded in bulk (documents and their read model, as a migration or the benchmark does) reads exactly like
/// history the projector wrote: each document and its listing row, its keys found, counters equal to a recount, and
/// the projector finds nothing left to change.
/// </summary>
[Collection(ConsoleHub.Name)]
public sealed class BulkImportTests(ConsoleFixture fixture)
{
    private static readonly string[] Types = ["retail-delivery-report", "warranty-claim", "vehicle-order", "parts-order"];

    [Fact]
    public async Task ImportedHistory_ReadsAsTheProjectorWouldHaveWrittenIt()
    {
        Dealer[] dealers =
        [
            new() { Code = "BI01", Name = "Bulk one", Region = "North", District = "North-A", Brand = "Aurora" },
            new() { Code = "BI02", Name = "Bulk two", Region = "North", District = "North-B", Brand = "Aurora" },
            new() { Code = "BI03", Name = "Bulk three", Region = "South", Brand = "Aurora" },
        ];
        await using var provider = await StoreServices.StartAsync(fixture.Azurite.ConnectionString, "b" + Guid.NewGuid().ToString("N")[..10], dealers);

        var documents = Generate(provider, dealers, 160);
        var imported = await provider.GetRequiredService<InsightsHistoryImport>().ImportAsync(Stream(documents), CancellationToken.None);

        Assert.Equal(documents.Count, imported);
        var builder = provider.GetRequiredService<FactsBuilder>();
        var facts = documents.Select(d => builder.Build(d, dealers.Single(x => x.Code == d.DealerCode))).ToList();
        var listing = provider.GetRequiredService<IListingStore>();
        var store = provider.GetRequiredService<IDocumentStore>();
        foreach (var expected in facts)
        {
            Assert.NotNull(await store.GetAsync(expected.DealerCode, expected.DocumentType, expected.TrackingId, CancellationToken.None));
            var listed = await listing.GetAsync(expected.TrackingId, CancellationToken.None);
            Assert.Equal((expected.Status, expected.Revision, expected.Outcome, expected.District), (listed!.Status, listed.Revision, listed.Outcome, listed.District));
        }

        var search = provider.GetRequiredService<DocumentSearch>();
        foreach (var vehicle in facts.Where(f => f.Vin is not null).GroupBy(f => f.Vin!).OrderByDescending(g => g.Count()).Take(5))
        {
            var hits = (await search.SearchAsync(vehicle.Key, ViewScope.Everything, CancellationToken.None)).Hits.Select(h => h.Facts.TrackingId).Order().ToList();
            Assert.Equal(vehicle.Select(f => f.TrackingId).Order().ToList(), hits);
        }

        foreach (var number in facts.Take(10))
        {
            Assert.Contains((await search.SearchAsync(number.DocumentNumber, ViewScope.Everything, CancellationToken.None)).Hits, h => h.Facts.TrackingId == number.TrackingId);
        }

        var counters = provider.GetRequiredService<CounterReader>();
        var until = DateTimeOffset.UtcNow.Date.AddDays(2);
        var since = until.AddDays(-30);
        foreach (var scope in new[] { CounterScope.All, CounterScope.ForRegion("North"), CounterScope.ForDistrict("North-B"), CounterScope.ForDealer("BI03") })
        {
            foreach (var type in provider.GetRequiredService<DocumentTypeRegistry>().All)
            {
                var counted = facts.Where(f => f.DocumentType == type.Name && f.Scopes().Contains(scope)).ToList();
                var received = await counters.SumAsync(scope, CounterGrain.Day, type.Name, since, until, CancellationToken.None);
                var gauges = (await counters.GaugesAsync(scope, type.Name, CancellationToken.None)).Values;
                Assert.Equal(counted.Count, received.GetValueOrDefault("received"));
                foreach (var status in counted.GroupBy(f => f.Status))
                {
                    Assert.Equal(status.Count(), gauges.GetValueOrDefault("status." + status.Key));
                }
            }
        }

        Assert.Equal(0, await provider.GetRequiredService<ProjectionWriter>().ProjectAsync(facts, CancellationToken.None));
    }

    /// <summary>
    /// The bulk path writes the read model's rows exactly as the projector does (what the hub writes for documents it
    /// receives): the same documents projected by <see cref="ProjectionWriter"/> under one table prefix and imported in
    /// bulk under another give the same listing, search-key, open-set and counter rows, property for property.
    /// </summary>
    [Fact]
    public async Task ImportedRows_AreTheRowsTheProjectorWrites()
    {
        Dealer[] dealers =
        [
            new() { Code = "BR01", Name = "Rows one", Region = "North", District = "North-A", Brand = "Aurora" },
            new() { Code = "BR02", Name = "Rows two", Region = "South", District = "South-A", Brand = "Aurora" },
        ];
        var (projected, projectedPrefix) = await StartAsync(dealers);
        var (imported, importedPrefix) = await StartAsync(dealers);
        var documents = Generate(projected, dealers, 120);

        await projected.GetRequiredService<IDocumentBulkLoader>().LoadAsync(documents, withNumberKeys: false, CancellationToken.None);
        var builder = projected.GetRequiredService<FactsBuilder>();
        var facts = documents.Select(d => builder.Build(d, dealers.Single(x => x.Code == d.DealerCode))).ToList();
        Assert.Equal(facts.Count, await projected.GetRequiredService<ProjectionWriter>().ProjectAsync(facts, CancellationToken.None));
        await imported.GetRequiredService<InsightsHistoryImport>().ImportAsync(Stream(documents), CancellationToken.None);

        var service = new Azure.Data.Tables.TableServiceClient(fixture.Azurite.ConnectionString);
        var compared = 0;
        await foreach (var table in service.QueryAsync(t => t.Name.CompareTo(projectedPrefix) >= 0 && t.Name.CompareTo(projectedPrefix + "~") < 0))
        {
            var name = table.Name[projectedPrefix.Length..];
            if (!name.StartsWith("list", StringComparison.Ordinal) && !name.StartsWith("insights", StringComparison.Ordinal))
            {
                continue;
            }

            var expected = await RowsAsync(service, table.Name);
            Assert.Equal(expected, await RowsAsync(service, importedPrefix + name));
            compared += expected.Count;
        }

        Assert.True(compared > documents.Count * 4, $"only {compared} rows compared");
        await projected.DisposeAsync();
        await imported.DisposeAsync();
    }

    private async Task<(ServiceProvider Provider, string Prefix)> StartAsync(Dealer[] dealers)
    {
        var prefix = "b" + Guid.NewGuid().ToString("N")[..10];
        var provider = await StoreServices.StartAsync(fixture.Azurite.ConnectionString, prefix, dealers);
        return (provider, prefix);
    }

    /// <summary>A table's rows as text, without what the service stamps (ETag, Timestamp) or the projector's own bookkeeping (receipts, watermark, lease).</summary>
    private static async Task<List<string>> RowsAsync(Azure.Data.Tables.TableServiceClient service, string table)
    {
        var rows = new List<string>();
        await foreach (var entity in service.GetTableClient(table).QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            if (entity.RowKey.StartsWith('~'))
            {
                continue;
            }

            var properties = entity.Where(p => p.Key is not ("odata.etag" or "Timestamp")).OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => p.Key + "=" + (p.Value is byte[] bytes ? Convert.ToBase64String(bytes) : Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture)));
            rows.Add(string.Join(";", properties));
        }

        return rows;
    }

    /// <summary>The demo's history generator: every type, from the given dealers over five days; claims and parts orders mostly about vehicles sold (also RebuildTests').</summary>
    internal static List<DocumentRecord> Generate(IServiceProvider services, Dealer[] dealers, int count, int seed = 13)
    {
        var generator = new HistoryGenerator(services);
        var random = new Random(seed);
        var now = DateTimeOffset.UtcNow;
        var sold = new List<string>();
        var documents = new List<DocumentRecord>();
        for (var n = 0; documents.Count < count; n++)
        {
            var type = Types[n % Types.Length];
            var vin = type is "warranty-claim" or "parts-order" && sold.Count > 0 ? sold[random.Next(sold.Count)] : null;
            if (generator.Build(type, dealers[random.Next(dealers.Length)], n, now.AddMinutes(-random.Next(5 * 24 * 60)), now, random, vin) is { } generated)
            {
                if (type == "retail-delivery-report")
                {
                    sold.Add(generated.Record.Body["vin"]!.GetValue<string>());
                }

                documents.Add(generated.Record);
            }
        }

        return documents;
    }

    private static async IAsyncEnumerable<DocumentRecord> Stream(IEnumerable<DocumentRecord> documents)
    {
        foreach (var document in documents)
        {
            yield return document;
        }

        await Task.CompletedTask;
    }
}
