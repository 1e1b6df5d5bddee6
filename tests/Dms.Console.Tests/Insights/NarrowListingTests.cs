using Dms.Hub.Common;
using Dms.Hub.Insights;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Console.Tests.Insights;

/// <summary>
/// A narrow filter over hours (a status, type or channel; for everyone or a region) reads the hourly counters first and
/// lists only the hours they say hold a match: it still finds every match, an hour the counters rule out is not read
/// (a listing row they never counted stays unseen), and the hours from the counters' time on are read whatever they say.
/// </summary>
[Collection(ConsoleHub.Name)]
public sealed class NarrowListingTests(ConsoleFixture fixture)
{
    private readonly RebuildStores stores = new(fixture.Azurite);

    [Fact]
    public async Task NarrowFilter_FindsEveryMatch_AndReadsOnlyTheHoursTheCountersHold()
    {
        var (provider, _) = await stores.StartAsync();
        await using var __ = provider;
        var documents = RebuildStores.Generate(provider, 120);
        await RebuildStores.ProjectAsync(provider, documents);
        var facts = RebuildStores.Facts(provider, documents);
        var now = DateTimeOffset.UtcNow;
        await provider.GetRequiredService<ICounterStore>().SetWatermarkAsync(now, CancellationToken.None);
        var list = provider.GetRequiredService<DocumentList>();
        var to = CounterGrains.Floor(now, CounterGrain.Hour).AddHours(1);
        var from = to.AddDays(-7);

        // The rarest status held by more than one document, and a type within a region: every match, and the count.
        var rare = facts.GroupBy(f => f.Status).Where(g => g.Count() > 1).MinBy(g => g.Count())!.Key;
        var type = facts[0].DocumentType;
        foreach (var filter in new[] { new DocumentFilter(from, to, Status: rare), new DocumentFilter(from, to, DocumentType: type, Region: "South") })
        {
            var expected = facts.Where(f => f.Status == (filter.Status ?? f.Status) && f.DocumentType == (filter.DocumentType ?? f.DocumentType)
                && f.Region == (filter.Region ?? f.Region)).Select(f => f.TrackingId).Order(StringComparer.Ordinal).ToList();
            var result = await list.ListAsync(filter, ViewScope.Everything, 200, null, CancellationToken.None);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, result.Items.Select(f => f.TrackingId).Order(StringComparer.Ordinal));
            Assert.Equal(expected.Count, result.Count!.Value);
        }

        // Listing rows the counters never counted, of a status nobody has: two days before the counters' time (an hour
        // they rule out: not read) and within its hour (not yet known to them: read).
        var model = facts[0];
        var old = model with { TrackingId = TrackingIds.New(model.DealerCode, now.AddDays(-2)), SubmittedAt = now.AddDays(-2), Status = "Planted" };
        var fresh = model with { TrackingId = TrackingIds.New(model.DealerCode, now), SubmittedAt = now, Status = "Planted" };
        var listing = provider.GetRequiredService<IListingStore>();
        await listing.PutAsync([old, fresh], [], CancellationToken.None);
        var planted = new DocumentFilter(from, to, Status: "Planted");
        Assert.Equal(2, (await listing.QueryAsync(new ListingQuery(planted, 50), CancellationToken.None)).Items.Count);
        var listed = await list.ListAsync(planted, ViewScope.Everything, 50, null, CancellationToken.None);
        Assert.Equal([fresh.TrackingId], listed.Items.Select(f => f.TrackingId));
        Assert.Equal(0, listed.Count!.Value);
    }
}
