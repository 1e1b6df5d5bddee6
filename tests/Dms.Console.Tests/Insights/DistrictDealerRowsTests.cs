using Azure.Data.Tables;
using Dms.Console.Internal;
using Dms.Hub.Dealers;
using Dms.Hub.Insights;
using Dms.Hub.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Console.Tests.Insights;

/// <summary>
/// An HQ page at a district reads its dealers' figures from the district's own rows, which hold them side by side
/// (≈ 12 point reads for all of them instead of ≈ 12 for each): they equal each dealer's own figures, they are what
/// the page shows, and a row that outgrew its columns sends the page back to the dealers' own rows.
/// </summary>
[Collection(ConsoleHub.Name)]
public sealed class DistrictDealerRowsTests(ConsoleFixture fixture)
{
    private static readonly Dealer[] Dealers =
    [
        new() { Code = "DD01", Name = "District one", Region = "North", District = "North-A", Brand = "Aurora" },
        new() { Code = "DD02", Name = "District two", Region = "North", District = "North-A", Brand = "Aurora" },
        new() { Code = "DD03", Name = "District three", Region = "North", District = "North-B", Brand = "Aurora" },
        new() { Code = "DD04", Name = "No district", Region = "North", Brand = "Aurora" },
    ];

    [Theory]
    [InlineData("parts-order", "units")]
    [InlineData("warranty-claim", "received")]
    public async Task DistrictPage_ShowsItsDealersFromTheDistrictsRows_AndFallsBackWhenARowIsFull(string type, string metric)
    {
        var prefix = "k" + Guid.NewGuid().ToString("N")[..10];
        await using var provider = await StoreServices.StartAsync(fixture.Azurite.ConnectionString, prefix, Dealers);
        var documents = BulkImportTests.Generate(provider, Dealers, 160, seed: 5);
        await provider.GetRequiredService<Dms.Hub.Storage.IDocumentBulkLoader>().LoadAsync(documents, withNumberKeys: false, CancellationToken.None);
        var builder = provider.GetRequiredService<FactsBuilder>();
        await provider.GetRequiredService<ProjectionWriter>().ProjectAsync(documents.Select(d => builder.Build(d, Dealers.Single(x => x.Code == d.DealerCode))).ToList(), CancellationToken.None);
        var figures = new HqFigures(provider.GetRequiredService<CounterReader>(), new ConsoleDirectory(provider.GetRequiredService<DocumentTypeRegistry>(), provider.GetRequiredService<IDealerStore>()), TimeProvider.System);

        // Each dealer of the district as its own page shows it, metric by metric of those the table shows.
        var district = (await figures.ReadAsync(type, ViewScope.Everything, null, "North-A", null, 90, CancellationToken.None))!;
        Assert.Equal("DD01 DD02", string.Join(' ', district.Children.Select(c => c.Key)));
        Assert.True(district.Children.All(c => c.Get(metric) > 0), "each dealer has figures");
        await AssertEachDealerAsItsOwnPageAsync(figures, district, type);

        // What the page shows is the district's row: a value changed there is what it reads.
        var table = new TableServiceClient(fixture.Azurite.ConnectionString).GetTableClient(prefix + "insightscounts");
        var column = "m" + metric + "_40DD01";
        var (key, row) = (string.Empty, (TableEntity?)null);
        foreach (var (grain, bucket) in CounterGrains.Cover(district.Since, district.Until).Reverse())
        {
            key = $"{(grain == CounterGrain.Day ? "d" : grain == CounterGrain.Week ? "w" : "q")}|k:North-A|{type}|{bucket.UtcDateTime:yyyyMMdd}";
            if ((await table.GetEntityIfExistsAsync<TableEntity>("c", key)) is { HasValue: true } found && found.Value!.ContainsKey(column))
            {
                row = found.Value;
                break;
            }
        }

        Assert.NotNull(row); // the documents are of the last five days: a bucket the page reads holds DD01's
        row[column] = row.GetInt64(column).GetValueOrDefault() + 1_000_000;
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        var changed = (await figures.ReadAsync(type, ViewScope.Everything, null, "North-A", null, 90, CancellationToken.None))!;
        Assert.Equal(district.Children[0].Get(metric) + 1_000_000, changed.Children[0].Get(metric));
        Assert.Equal(district.Children[1].Get(metric), changed.Children[1].Get(metric));

        // A row that outgrew its columns keeps only its mark: the page reads each dealer's own rows again.
        await table.UpsertEntityAsync(new TableEntity("c", key) { ["m_7efull"] = 1L }, TableUpdateMode.Replace);
        var fallback = (await figures.ReadAsync(type, ViewScope.Everything, null, "North-A", null, 90, CancellationToken.None))!;
        Assert.Equal(district.Children.Select(c => c.Get(metric)), fallback.Children.Select(c => c.Get(metric)));
        await AssertEachDealerAsItsOwnPageAsync(figures, fallback, type);
    }

    private static async Task AssertEachDealerAsItsOwnPageAsync(HqFigures figures, HqView district, string type)
    {
        foreach (var child in district.Children)
        {
            var own = (await figures.ReadAsync(type, ViewScope.Everything, null, null, child.Key, 90, CancellationToken.None))!;
            Assert.Equal(Kept(own.Flow), Kept(child.Flow));
            Assert.Equal(Kept(own.Now), Kept(child.Now));
        }

        List<KeyValuePair<string, long>> Kept(IReadOnlyDictionary<string, long> values) =>
            values.Where(v => v.Value != 0 && DistrictDealerRows.Metrics[type].Contains(v.Key)).OrderBy(v => v.Key, StringComparer.Ordinal).ToList();
    }
}
