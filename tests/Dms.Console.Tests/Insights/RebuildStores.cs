using Azure.Data.Tables;
using Dms.Hub.Dealers;
using Dms.Hub.Insights;
using Dms.Hub.Storage;
using Dms.Hub.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Console.Tests.Insights;

/// <summary>
/// What the rebuild tests share: hubs' services over Azurite, each on a table prefix of its own (or sharing one: another
/// process on the same store), the same seeded documents projected into them, and a row-for-row comparison of two
/// read models.
/// </summary>
internal sealed class RebuildStores(AzuriteFixture azurite)
{
    public static readonly Dealer[] Dealers =
    [
        new() { Code = "RB01", Name = "Rebuild one", Region = "North", District = "North-A", Brand = "Aurora" },
        new() { Code = "RB02", Name = "Rebuild two", Region = "South", District = "South-A", Brand = "Aurora" },
        new() { Code = "RB03", Name = "Rebuild three", Region = "South", Brand = "Aurora" },
    ];

    public static async Task ProjectAsync(ServiceProvider provider, List<DocumentRecord> documents)
    {
        await provider.GetRequiredService<IDocumentBulkLoader>().LoadAsync(documents, withNumberKeys: false, CancellationToken.None);
        Assert.Equal(documents.Count, await provider.GetRequiredService<ProjectionWriter>().ProjectAsync(Facts(provider, documents), CancellationToken.None));
    }

    public static List<DocumentFacts> Facts(IServiceProvider provider, List<DocumentRecord> documents)
    {
        var builder = provider.GetRequiredService<FactsBuilder>();
        return documents.Select(d => builder.Build(d, Dealers.Single(x => x.Code == d.DealerCode))).ToList();
    }

    /// <summary>Every read-model table of <paramref name="expectedPrefix"/> row for row in <paramref name="actualPrefix"/>, and nothing more there.</summary>
    public async Task AssertSameReadModelAsync(string expectedPrefix, string actualPrefix)
    {
        var service = new TableServiceClient(azurite.ConnectionString);
        var compared = 0;
        var names = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var table in service.QueryAsync(t => t.Name.CompareTo(expectedPrefix) >= 0 && t.Name.CompareTo(expectedPrefix + "~") < 0))
        {
            var name = table.Name[expectedPrefix.Length..];
            if (name.StartsWith("list", StringComparison.Ordinal) || name.StartsWith("insights", StringComparison.Ordinal))
            {
                names.Add(name);
                var expected = await RowsAsync(service, table.Name);
                Assert.Equal(expected, await RowsAsync(service, actualPrefix + name));
                compared += expected.Count;
            }
        }

        Assert.True(compared > 400, $"only {compared} rows compared");
        await foreach (var table in service.QueryAsync(t => t.Name.CompareTo(actualPrefix) >= 0 && t.Name.CompareTo(actualPrefix + "~") < 0))
        {
            var name = table.Name[actualPrefix.Length..];
            if ((name.StartsWith("list", StringComparison.Ordinal) || name.StartsWith("insights", StringComparison.Ordinal)) && !names.Contains(name))
            {
                Assert.Empty(await RowsAsync(service, table.Name));
            }
        }
    }

    /// <summary>
    /// A table's rows as text, without what the service stamps or the bookkeeping rows (<c>~…</c>); counters without
    /// the zeros a projected change leaves behind (a status counted down to 0 is the same count as one never counted).
    /// </summary>
    private static async Task<List<string>> RowsAsync(TableServiceClient service, string table)
    {
        var rows = new List<string>();
        var counters = table.EndsWith("counts", StringComparison.Ordinal); // the counters and their dealers' copy
        await foreach (var entity in service.GetTableClient(table).QueryAsync<TableEntity>())
        {
            var properties = entity.Where(p => p.Key is not ("odata.etag" or "Timestamp") && !(counters && p.Value is 0L))
                .OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
            if (entity.RowKey.StartsWith('~') || (counters && properties.All(p => p.Key is "PartitionKey" or "RowKey")))
            {
                continue;
            }

            rows.Add(string.Join(";", properties.Select(p => p.Key + "=" + (p.Value is byte[] bytes ? Convert.ToBase64String(bytes) : Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture)))));
        }

        return rows;
    }

    public async Task<(ServiceProvider Provider, string Prefix)> StartAsync(string? sharing = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var prefix = sharing ?? "r" + Guid.NewGuid().ToString("N")[..10];
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Dms:Insights:LeaseSeconds"] = "5" };
        var provider = await StoreServices.StartAsync(azurite.ConnectionString, prefix, Dealers, all);
        return (provider, prefix);
    }

    public static List<DocumentRecord> Generate(IServiceProvider services, int count) => BulkImportTests.Generate(services, Dealers, count, seed: 11);
}
