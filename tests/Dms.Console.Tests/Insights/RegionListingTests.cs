using Azure.Data.Tables;
using Dms.Hub.Insights;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Console.Tests.Insights;

/// <summary>
/// A filter by region (a regional manager's every list) reads the region's own six-hour listing tables, not the tables
/// of all regions: it finds exactly the region's documents in both orders — also with the six-hour tables of all
/// regions gone — and a document whose dealer moved to another region leaves the old region's list.
/// </summary>
[Collection(ConsoleHub.Name)]
public sealed class RegionListingTests(ConsoleFixture fixture)
{
    private static readonly DateTimeOffset Until = DateTimeOffset.UtcNow.Date.AddDays(2);
    private static readonly DateTimeOffset Since = Until.AddDays(-60);
    private readonly RebuildStores stores = new(fixture.Azurite);

    [Fact]
    public async Task RegionFilter_IsAnsweredFromTheRegionsOwnTables_WithExactlyItsDocuments()
    {
        var (provider, prefix) = await stores.StartAsync();
        await using var _ = provider;
        var documents = RebuildStores.Generate(provider, 120);
        await RebuildStores.ProjectAsync(provider, documents);
        var facts = RebuildStores.Facts(provider, documents);
        var listing = provider.GetRequiredService<IListingStore>();
        await RegionsMatchAsync(listing, facts, oldestFirstToo: true);

        // Without the six-hour tables of all regions, a region's list is the same (and an unfiltered one is empty). Only
        // newest first: an oldest-first row holds no facts, a page reads them from the six-hour row by point reads.
        var service = new TableServiceClient(fixture.Azurite.ConnectionString);
        var dropped = 0;
        await foreach (var table in service.QueryAsync(t => t.Name.CompareTo(prefix + "list") >= 0 && t.Name.CompareTo(prefix + "list~") < 0))
        {
            if (System.Text.RegularExpressions.Regex.IsMatch(table.Name[prefix.Length..], "^list[0-9]{10}$"))
            {
                await service.DeleteTableAsync(table.Name);
                dropped++;
            }
        }

        Assert.True(dropped > 0);
        Assert.Empty(await ReadAllAsync(listing, new DocumentFilter(Since, Until), 50));
        await RegionsMatchAsync(listing, facts, oldestFirstToo: false);
    }

    [Fact]
    public async Task DocumentWhoseRegionChanged_IsListedUnderTheNewRegionOnly()
    {
        var (provider, _) = await stores.StartAsync();
        await using var __ = provider;
        var documents = RebuildStores.Generate(provider, 20);
        await RebuildStores.ProjectAsync(provider, documents);
        var facts = RebuildStores.Facts(provider, documents);
        var moved = facts.First(f => f.Region == "North");

        // Its dealer now belongs to South: the next projection of the document lists it there, and only there.
        var writer = provider.GetRequiredService<ProjectionWriter>();
        Assert.Equal(1, await writer.ProjectAsync([moved with { Region = "South", Revision = moved.Revision + 1 }], CancellationToken.None));
        var listing = provider.GetRequiredService<IListingStore>();
        var north = await ReadAllAsync(listing, new DocumentFilter(Since, Until, Region: "North"), 50);
        var south = await ReadAllAsync(listing, new DocumentFilter(Since, Until, Region: "South"), 50);
        Assert.DoesNotContain(north, f => f.TrackingId == moved.TrackingId);
        Assert.Equal(facts.Count(f => f.Region == "North") - 1, north.Count);
        Assert.Contains(south, f => f.TrackingId == moved.TrackingId && f.Region == "South");
        Assert.Equal(facts.Count(f => f.Region == "South") + 1, south.Count);

        // Its oldest-first copy went too (its key alone would have named it under North).
        var oldest = await ReadAllAsync(listing, new DocumentFilter(Since, Until, Region: "North", OldestFirst: true), 50);
        Assert.Equal(north.Select(f => f.TrackingId).Order(StringComparer.Ordinal), oldest.Select(f => f.TrackingId).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Each region's list, paged in 7s (pages cross tables), newest and oldest first, is that region's documents — the
    /// same as reading every region's tables and keeping the region's rows. The region column is still compared exactly
    /// (a copy only narrows what is read), so the region spelt in capitals — which shares its table — finds nothing.
    /// </summary>
    private static async Task RegionsMatchAsync(IListingStore listing, List<DocumentFacts> facts, bool oldestFirstToo)
    {
        foreach (var region in facts.GroupBy(f => f.Region))
        {
            var expected = region.Select(Shape).ToList();
            var newest = await ReadAllAsync(listing, new DocumentFilter(Since, Until, Region: region.Key), 7);
            var otherCase = await ReadAllAsync(listing, new DocumentFilter(Since, Until, Region: region.Key.ToUpperInvariant()), 7);
            Assert.Equal(expected.Order(StringComparer.Ordinal), newest.Select(Shape).Order(StringComparer.Ordinal));
            Assert.Equal(newest.Select(f => f.SubmittedAt).OrderDescending(), newest.Select(f => f.SubmittedAt));
            Assert.Empty(otherCase);
            if (oldestFirstToo)
            {
                var oldest = await ReadAllAsync(listing, new DocumentFilter(Since, Until, Region: region.Key, OldestFirst: true), 7);
                Assert.Equal(expected.Order(StringComparer.Ordinal), oldest.Select(Shape).Order(StringComparer.Ordinal));
                Assert.Equal(oldest.Select(f => f.SubmittedAt).Order(), oldest.Select(f => f.SubmittedAt));
            }
        }

        static string Shape(DocumentFacts f) => $"{f.TrackingId}@{f.Revision} {f.Status} {f.Region}";
    }

    private static async Task<List<DocumentFacts>> ReadAllAsync(IListingStore listing, DocumentFilter filter, int pageSize)
    {
        var all = new List<DocumentFacts>();
        string? token = null;
        do
        {
            var page = await listing.QueryAsync(new ListingQuery(filter, pageSize, token), CancellationToken.None);
            all.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);
        return all;
    }
}
