using Dms.Hub.Insights;
using Dms.Hub.Operations;
using Dms.Hub.Registry;

namespace Dms.Console.Tests.Insights;

/// <summary>The read model: every business key finds its document; counters equal a recount of the documents.</summary>
[Collection(ConsoleHub.Name)]
public sealed class ProjectionTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Search_FindsADocument_ByEveryBusinessKey()
    {
        var dealer = await fixture.DealerAsync();
        var vin = TestDocuments.NewVin();
        var claimNumber = "WC-KEYS-" + TestDocuments.Next();
        var idempotencyKey = "idem-" + Guid.NewGuid();
        var correlation = "corr-" + Guid.NewGuid().ToString("N")[..12];
        await fixture.SubmitAsync(dealer, "retail-delivery-reports", TestDocuments.Rdr(vin, TestDocuments.Today.AddDays(-30)));
        using var api = fixture.Api(dealer.ApiKey);
        api.DefaultRequestHeaders.Add("X-Correlation-Id", correlation);
        using var response = await api.PostJsonAsync("/api/v1/warranty-claims", TestDocuments.Claim(vin, number: claimNumber), idempotencyKey);
        var tracking = (await response.ReadJsonAsync())["trackingId"]!.GetValue<string>();
        await Eventually.GetAsync(() => fixture.Api(dealer.ApiKey).GetJsonAsync($"/api/v1/warranty-claims/{tracking}"), d => d["oemReference"] is not null, what: "the claim is delivered");
        await fixture.CaughtUpAsync();
        var search = fixture.Hub.Service<DocumentSearch>();

        foreach (var (key, kind) in new[] { (vin, "vin"), (claimNumber.ToLowerInvariant(), "number"), (idempotencyKey, "idempotency"), (correlation, "correlation"), (tracking, "tracking"), ("OEM-STUB-1", "oem") })
        {
            var result = await search.SearchAsync(key, ViewScope.Everything, CancellationToken.None);
            var hit = result.Hits.SingleOrDefault(h => h.Facts.TrackingId == tracking);
            Assert.True(hit is not null, $"Searching {kind} '{key}' did not find the claim");
            Assert.Contains(kind, hit.MatchedAs);
        }

        Assert.Equal(2, (await search.SearchAsync(vin, ViewScope.Everything, CancellationToken.None)).Hits.Count); // the RDR and the claim
    }

    [Fact]
    public async Task Counters_EqualARecountOfTheDocuments()
    {
        var dealer = await fixture.DealerAsync("Central");
        for (var i = 0; i < 5; i++)
        {
            await fixture.SubmitAsync(dealer, "retail-delivery-reports", TestDocuments.Rdr(TestDocuments.NewVin()));
        }

        await fixture.CaughtUpAsync();
        await Recount.CountersMatchAsync(fixture);
    }
}

/// <summary>The counters checked against the documents themselves.</summary>
internal static class Recount
{
    /// <summary>Every type's received counter (all time) and status gauges equal what the listing holds, document by document.</summary>
    public static async Task CountersMatchAsync(ConsoleFixture fixture)
    {
        var listing = fixture.Hub.Service<IListingStore>();
        var counters = fixture.Hub.Service<CounterReader>();
        var until = DateTimeOffset.UtcNow.Date.AddDays(2);
        var since = until.AddDays(-60);
        var all = await ReadAllAsync(listing, new DocumentFilter(since, until), 1000);

        foreach (var type in fixture.Hub.Service<DocumentTypeRegistry>().All)
        {
            var documents = all.Where(f => f.DocumentType == type.Name).ToList();
            var received = await counters.SumAsync(CounterScope.All, CounterGrain.Day, type.Name, since, until, CancellationToken.None);
            var gauges = await counters.GaugesAsync(CounterScope.All, type.Name, CancellationToken.None);
            Assert.Equal(documents.Count, received.GetValueOrDefault("received"));
            foreach (var status in documents.GroupBy(d => d.Status))
            {
                Assert.Equal(status.Count(), gauges.Get("status." + status.Key));
            }

            Assert.Equal(documents.Count(d => d.Outcome == "DeadLettered"), gauges.Get("deadLettered"));
        }

        await SummariesMatchAsync(fixture, all, since, until);
        await DealerListingsMatchAsync(listing, all, since, until);
        await RegionListingsMatchAsync(listing, all, since, until);
        await FailureGroupsMatchAsync(fixture);

        // Both orders share a partition: a newest-first page's token must not resume an oldest-first list (its key sorts
        // the other way, so the range would start anywhere) — refused, not misread.
        var first = await listing.QueryAsync(new ListingQuery(new DocumentFilter(since, until), 2, null), CancellationToken.None);
        Assert.NotNull(first.ContinuationToken);
        await Assert.ThrowsAsync<FormatException>(() =>
            listing.QueryAsync(new ListingQuery(new DocumentFilter(since, until, OldestFirst: true), 2, first.ContinuationToken), CancellationToken.None));
    }

    /// <summary>
    /// A filter by dealer reads the dealer's own week tables, written beside the six-hour tables: paged through in small
    /// pages (so pages cross weeks), each dealer's list holds exactly its documents of the six-hour listing, at the same
    /// revision and status — newest first in the same order, oldest first in submission order.
    /// </summary>
    private static async Task DealerListingsMatchAsync(IListingStore listing, List<DocumentFacts> all, DateTimeOffset since, DateTimeOffset until)
    {
        foreach (var dealer in all.GroupBy(f => f.DealerCode))
        {
            var newest = await ReadAllAsync(listing, new DocumentFilter(since, until, DealerCode: dealer.Key), 7);
            var oldest = await ReadAllAsync(listing, new DocumentFilter(since, until, DealerCode: dealer.Key, OldestFirst: true), 7);
            Assert.Equal(dealer.Select(Shape).ToList(), newest.Select(Shape).ToList());
            Assert.Equal(dealer.Select(Shape).Order(StringComparer.Ordinal), oldest.Select(Shape).Order(StringComparer.Ordinal));
            Assert.Equal(oldest.Select(f => f.SubmittedAt).Order(), oldest.Select(f => f.SubmittedAt));
        }

        static string Shape(DocumentFacts f) => $"{f.TrackingId}@{f.Revision} {f.Status} {f.Region}";
    }

    /// <summary>
    /// A filter by region reads the region's own six-hour tables, written beside those of all regions: each region's list
    /// (newest first, in 7s) is exactly its documents of the listing of all regions, in the same order.
    /// </summary>
    private static async Task RegionListingsMatchAsync(IListingStore listing, List<DocumentFacts> all, DateTimeOffset since, DateTimeOffset until)
    {
        foreach (var region in all.GroupBy(f => f.Region))
        {
            var newest = await ReadAllAsync(listing, new DocumentFilter(since, until, Region: region.Key), 7);
            Assert.Equal(region.Select(f => $"{f.TrackingId}@{f.Revision} {f.Status}").ToList(), newest.Select(f => $"{f.TrackingId}@{f.Revision} {f.Status}").ToList());
        }
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

    /// <summary>
    /// The failure groups read from the pre-counted tally equal the open failures read one by one and grouped — count,
    /// first and last seen (to the hour), sparkline and types — for everyone and for each region.
    /// </summary>
    public static async Task FailureGroupsMatchAsync(ConsoleFixture fixture)
    {
        var groups = fixture.Hub.Service<FailureGroups>();
        var archived = Archived.Failures(await fixture.Hub.Service<IAnnotationStore>().ArchivedAsync(CancellationToken.None));
        foreach (var scope in new[] { ViewScope.Everything, new ViewScope("West"), new ViewScope("North") })
        {
            var recount = await groups.ReadAsync(scope, new FailureFilter(), archived.Keys.ToHashSet(), CancellationToken.None);
            var tally = await groups.SummaryAsync(scope, new FailureFilter(), archived, 0, CancellationToken.None);
            Assert.False(recount.Capped);
            Assert.Equal(Shape(recount), Shape(tally));
        }

        static List<string> Shape(FailureView view) => view.Groups.Select(g =>
            $"{g.Code}|{g.Stage}|{g.Destination}: {g.Count} {Hour(g.FirstSeen)} {Hour(g.LastSeen)} [{string.Join(',', g.Sparkline)}] {string.Join(',', g.DocumentTypes)}").Order(StringComparer.Ordinal).ToList();

        static string Hour(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A district's dealers' rows (<see cref="DistrictDealerRows"/>) hold, for each of its dealers, the same sums and
    /// gauges as the dealer's own rows, metric by metric of those they keep (dealers whose documents all carry that district).
    /// </summary>
    private static async Task DistrictDealerRowsMatchAsync(CounterReader counters, List<DocumentFacts> all, DateTimeOffset since, DateTimeOffset until)
    {
        var compared = 0;
        foreach (var district in all.Where(f => f.District is { Length: > 0 }).GroupBy(f => f.District!))
        {
            foreach (var type in DistrictDealerRows.Metrics.Keys)
            {
                var rows = await counters.DistrictDealersAsync(district.Key, type, since, until, CancellationToken.None);
                Assert.NotNull(rows);
                var dealers = district.Select(f => f.DealerCode).Distinct().Where(d => all.Where(f => f.DealerCode == d).All(f => f.District == district.Key));
                foreach (var dealer in dealers)
                {
                    var flow = await counters.SumAsync(CounterScope.ForDealer(dealer), CounterGrain.Day, type, since, until, CancellationToken.None);
                    var now = (await counters.GaugesAsync([CounterScope.ForDealer(dealer)], type, CancellationToken.None))[0];
                    Assert.Equal(Kept(flow, type), Kept(rows.Value.Flow.GetValueOrDefault(dealer) ?? new Dictionary<string, long>(), type));
                    Assert.Equal(Kept(now, type), Kept(rows.Value.Now.GetValueOrDefault(dealer) ?? new Dictionary<string, long>(), type));
                    compared += Kept(flow, type).Count;
                }
            }
        }

        Assert.True(compared > 0, "no district's dealer figures compared");

        static List<KeyValuePair<string, long>> Kept(IReadOnlyDictionary<string, long> figures, string type) =>
            figures.Where(m => m.Value != 0 && DistrictDealerRows.Metrics[type].Contains(m.Key)).OrderBy(m => m.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The pre-summed rows equal what they sum: each scope's four-week and week rows (read through
    /// <see cref="CounterReader.SumsAsync"/>: whole four weeks, weeks and edge days — 60 days always hold a four-week
    /// bucket) equal its day rows added up, metric by metric; each dealer's health rows hold, per
    /// day, the documents it submitted that day (every type together).
    /// </summary>
    private static async Task SummariesMatchAsync(ConsoleFixture fixture, List<DocumentFacts> all, DateTimeOffset since, DateTimeOffset until)
    {
        var counters = fixture.Hub.Service<CounterReader>();
        var scopes = all.SelectMany(f => f.Scopes()).Distinct().ToList();
        foreach (var type in fixture.Hub.Service<DocumentTypeRegistry>().All)
        {
            foreach (var scope in scopes)
            {
                var days = CounterReader.Sum(await fixture.Hub.Service<ICounterStore>().ReadAsync(scope, CounterGrain.Day, [type.Name], since, until, null, CancellationToken.None));
                var weeks = await counters.SumAsync(scope, CounterGrain.Day, type.Name, since, until, CancellationToken.None);
                Assert.Equal(days.Where(m => m.Value != 0).OrderBy(m => m.Key).ToList(), weeks.Where(m => m.Value != 0).OrderBy(m => m.Key).ToList());
            }
        }

        await DistrictDealerRowsMatchAsync(counters, all, since, until);
        foreach (var dealer in all.GroupBy(f => f.DealerCode))
        {
            var health = await counters.DealerHealthAsync(dealer.Key, since, until, CancellationToken.None);
            var received = health.SelectMany(r => r.Values).Where(v => v.Key.StartsWith("received@", StringComparison.Ordinal) && v.Value != 0)
                .ToDictionary(v => v.Key["received@".Length..], v => v.Value)
                .Where(d => string.CompareOrdinal(d.Key, since.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)) >= 0);
            var submitted = dealer.GroupBy(f => f.SubmittedAt.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture))
                .ToDictionary(g => g.Key, g => (long)g.Count());
            Assert.Equal(submitted.OrderBy(d => d.Key).ToList(), received.OrderBy(d => d.Key).ToList());
        }
    }
}
