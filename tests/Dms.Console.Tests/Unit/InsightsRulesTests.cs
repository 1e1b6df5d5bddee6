using Dms.Hub.Insights;

namespace Dms.Console.Tests.Unit;

public sealed class InsightsRulesTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 10, 15, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("HTTP 503: Service Unavailable", "HTTP_503")]
    [InlineData("Gave up after 4 attempts: HTTP 500", "HTTP_500")]
    [InlineData("Timed out.", "TIMEOUT")]
    [InlineData("Circuit open after repeated failures.", "CIRCUIT_OPEN")]
    [InlineData("No route for warranty-claim (brand X, region Y).", "NO_ROUTE")]
    [InlineData("Gave up after 4 attempts. Last error: IOException: boom", "IOEXCEPTION")]
    [InlineData(null, "UNKNOWN")]
    public void FailureCodes_GroupFreeTextReasonsByCause(string? reason, string code) => Assert.Equal(code, FailureCodes.Classify(reason));

    [Fact]
    public void LatencyBuckets_QuantileBucket_IsTheBucketHoldingTheRank()
    {
        long[] histogram = [0, 50, 40, 9, 1, 0, 0, 0, 0, 0, 0, 0];

        Assert.Equal(1, LatencyBuckets.QuantileBucket(histogram, 0.5));
        Assert.Equal(2, LatencyBuckets.QuantileBucket(histogram, 0.9));
        Assert.Equal(3, LatencyBuckets.QuantileBucket(histogram, 0.99));
        Assert.Equal(-1, LatencyBuckets.QuantileBucket(new long[12], 0.5));
    }

    [Fact]
    public void Counters_StatusChange_MovesTheCountBetweenStatuses_InEveryScope()
    {
        var before = Facts("Submitted", [new("status.Submitted", Monday), new("received", Monday)]);
        var after = Facts("Accepted", [new("status.Accepted", Monday), new("received", Monday)]);

        var deltas = FactsDiff.Counters(before, after);

        Assert.DoesNotContain(deltas, d => d.Metric == "received");
        Assert.All(deltas.Where(d => d.Metric == "status.Submitted"), d => Assert.Equal(-1, d.Delta));
        Assert.All(deltas.Where(d => d.Metric == "status.Accepted"), d => Assert.Equal(1, d.Delta));
        Assert.Equal(["*", "d:D001", "r:North"], deltas.Where(d => d.Metric == "status.Accepted" && d.Key.Grain == CounterGrain.Day).Select(d => d.Key.Scope.Key).Order());
        Assert.Equal(["*", "r:North"], deltas.Where(d => d.Metric == "status.Accepted" && d.Key.Grain == CounterGrain.Hour).Select(d => d.Key.Scope.Key).Order());
    }

    [Fact]
    public void Counters_EveryDayDelta_HasItsWeekDelta_AndADealersHealthRowCountsItsDay()
    {
        var sunday = Monday.AddDays(-1);
        var facts = Facts("Submitted", [new("received", sunday), new("failed", Monday, Id: "1"), new("delivered", Monday)]);

        var deltas = FactsDiff.Counters(null, facts);

        var days = deltas.Where(d => d.Key.Grain == CounterGrain.Day).ToList();
        var weeks = deltas.Where(d => d.Key.Grain == CounterGrain.Week && d.Key.DocumentType != FactsDiff.AllTypes).ToList();
        Assert.Equal(days.Select(d => (d.Key.Scope.Key, d.Metric, d.Delta, CounterGrains.Floor(d.Key.Bucket, CounterGrain.Week))).Order(),
            weeks.Select(d => (d.Key.Scope.Key, d.Metric, d.Delta, d.Key.Bucket)).Order());
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), weeks.Single(d => d.Metric == "received" && d.Key.Scope == CounterScope.All).Key.Bucket);
        var health = deltas.Where(d => d.Key.DocumentType == FactsDiff.AllTypes).ToList();
        Assert.All(health, d => Assert.Equal(CounterScope.ForDealer("D001"), d.Key.Scope));
        Assert.Equal(["failed@20261130", "received@20261129"], health.Select(d => d.Metric).Order());
    }

    [Fact]
    public void CounterCover_IsWholeWeeksAndTheDaysAtEitherEnd_WithoutGapsOrOverlap()
    {
        var start = new DateTimeOffset(2026, 11, 5, 0, 0, 0, TimeSpan.Zero); // a Thursday
        var until = new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero);

        var cover = CounterGrains.Cover(start, until);

        Assert.Equal(4 + 3 + 3, cover.Count); // Thu–Sun, three whole weeks, Mon–Wed
        Assert.Equal(3, cover.Count(b => b.Grain == CounterGrain.Week));
        var at = start;
        foreach (var (grain, bucket) in cover)
        {
            Assert.Equal(at, bucket);
            at += CounterGrains.Length(grain);
        }

        Assert.Equal(until, at);
        Assert.Empty(CounterGrains.Cover(until, until));
    }

    [Fact]
    public void Counters_EveryDayDelta_HasItsFourWeekDelta()
    {
        var facts = Facts("Submitted", [new("received", Monday.AddDays(-30)), new("received", Monday.AddDays(-2), Id: "2"), new("delivered", Monday)]);

        var deltas = FactsDiff.Counters(null, facts);

        var days = deltas.Where(d => d.Key.Grain == CounterGrain.Day).ToList();
        var blocks = deltas.Where(d => d.Key.Grain == CounterGrain.FourWeeks).ToList();
        Assert.Equal(days.GroupBy(d => (d.Key.Scope.Key, d.Metric, CounterGrains.Floor(d.Key.Bucket, CounterGrain.FourWeeks))).Select(g => (g.Key.Key, g.Key.Metric, g.Sum(d => d.Delta), g.Key.Item3)).Order(),
            blocks.Select(d => (d.Key.Scope.Key, d.Metric, d.Delta, d.Key.Bucket)).Order());
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), CounterGrains.Floor(Monday, CounterGrain.FourWeeks)); // 2,968 weeks after 1970-01-05
        Assert.Equal(2, blocks.Where(d => d.Metric == "received" && d.Key.Scope == CounterScope.All).Select(d => d.Key.Bucket).Distinct().Count());
    }

    [Fact]
    public void CounterCover_OfNinetyDays_TakesWholeFourWeeksWhereTheyFit_WithoutGapsOrOverlap()
    {
        var until = new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero); // a Thursday: the day after today
        var start = until.AddDays(-90);

        var cover = CounterGrains.Cover(start, until);

        // 09-04 (Fri) – 09-06, the weeks of 09-07, 09-14, 09-21, four weeks from 09-28 and 10-26, the week of 11-23, then 11-30 – 12-02
        // (12 point reads a place, where weeks and days took 18).
        Assert.Equal(3 + 3 + 2 + 1 + 3, cover.Count);
        Assert.Equal(2, cover.Count(b => b.Grain == CounterGrain.FourWeeks));
        var at = start;
        foreach (var (grain, bucket) in cover)
        {
            Assert.Equal(at, bucket);
            Assert.Equal(bucket, CounterGrains.Floor(bucket, grain));
            at += CounterGrains.Length(grain);
        }

        Assert.Equal(until, at);
    }

    [Fact]
    public void Counters_ADistrictsDealer_IsCountedInTheDistrictsDealerRows_ForTheMetricsTheyKeep()
    {
        var facts = Facts("Submitted", [new("received", Monday), new("decided", Monday.AddDays(1)), new("status.Submitted", null)]) with { District = "North-A" };

        var deltas = FactsDiff.Counters(null, facts).Where(d => d.Key.Scope == DistrictDealerRows.Of("North-A")).ToList();

        // Beside the dealer's own day, week and four-week rows, in the same buckets, under the dealer's name; gauges
        // only for the metrics kept (a claim's table shows no gauge), never hours.
        var own = FactsDiff.Counters(null, facts).Where(d => d.Key.Scope == CounterScope.ForDealer("D001") && d.Metric is "received" or "decided").ToList();
        Assert.Equal(own.Select(d => (d.Key.Grain, d.Key.Bucket, d.Metric + "@D001", d.Delta)).Order(), deltas.Select(d => (d.Key.Grain, d.Key.Bucket, d.Metric, d.Delta)).Order());
        Assert.Equal(6, deltas.Count);

        // No rows for dealers without a district, nor for types whose pages keep none.
        Assert.DoesNotContain(FactsDiff.Counters(null, facts with { District = null }), d => d.Key.Scope.Key.StartsWith("k:", StringComparison.Ordinal));
        Assert.DoesNotContain(FactsDiff.Counters(null, facts with { DocumentType = "vehicle-order" }), d => d.Key.Scope.Key.StartsWith("k:", StringComparison.Ordinal));

        // A dealer moved to another district: its figures move with its documents.
        var moved = FactsDiff.Counters(facts, facts with { District = "North-B" }).Where(d => d.Key.Grain == CounterGrain.Day && d.Metric == "received@D001").ToList();
        Assert.Equal("k:North-A -1, k:North-B 1", string.Join(", ", moved.Select(d => $"{d.Key.Scope.Key} {d.Delta}").Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void DistrictDealerRows_SumEachDealersFigures_AndAFullRowAsksForTheDealersOwnRows()
    {
        var key = new CounterKey(DistrictDealerRows.Of("North-A"), CounterGrain.Week, "parts-order", Monday);
        CounterRow Row(params (string Metric, long Value)[] values) => new(key, values.ToDictionary(v => v.Metric, v => v.Value));

        var dealers = DistrictDealerRows.ByDealer([Row(("units@D001", 5), ("units@D002", 7)), Row(("units@D001", 2), ("filled.d0@D001", 1))])!;

        Assert.Equal(7, dealers["D001"]["units"]);
        Assert.Equal(1, dealers["D001"]["filled.d0"]);
        Assert.Equal(7, dealers["D002"]["units"]);
        Assert.Null(DistrictDealerRows.ByDealer([Row(("units@D001", 5)), Row((DistrictDealerRows.Full, 1))]));
    }

    [Fact]
    public void Counters_SameFactsTwice_ChangeNothing_AndANewDocumentCountsOnce()
    {
        var facts = Facts("Submitted", [new("received", Monday), new("status.Submitted", null)]);

        Assert.Empty(FactsDiff.Counters(facts, facts));
        Assert.All(FactsDiff.Counters(null, facts), d => Assert.Equal(1, d.Delta));
        Assert.Contains(FactsDiff.Counters(null, facts), d => d is { Metric: "status.Submitted", Key.Grain: CounterGrain.Gauge });
    }

    [Fact]
    public void Counters_RegionChange_MovesTheDocumentsCountsToTheNewRegion()
    {
        var before = Facts("Submitted", [new("received", Monday)]);
        var after = before with { Region = "South" };

        var deltas = FactsDiff.Counters(before, after).Where(d => d.Key.Grain == CounterGrain.Day).ToList();

        Assert.Equal(-1, deltas.Single(d => d.Key.Scope.Key == "r:North").Delta);
        Assert.Equal(1, deltas.Single(d => d.Key.Scope.Key == "r:South").Delta);
        Assert.DoesNotContain(deltas, d => d.Key.Scope.Key == "*");
    }

    [Fact]
    public void Keys_AddOnlyWhatTheListingLacks_RemoveWhatAnyAppliedVersionHeld()
    {
        var listed = Facts("Submitted", []) with { Keys = ["number:A", "vin:V1"] };
        var crashed = listed with { Keys = ["number:A", "vin:V1", "correlation:C9"] };
        var now = listed with { Keys = ["number:A", "vin:V2"] };

        var (added, removed) = FactsDiff.Keys(listed, [crashed], now);

        Assert.Equal(["vin:V2"], added);
        Assert.Equal(["correlation:C9", "vin:V1"], removed.Order());
    }

    private static DocumentFacts Facts(string status, IReadOnlyList<Contribution> contributions) => new()
    {
        TrackingId = "D001-01KAAAAAAAAAAAAAAAAAAAAAAA", DocumentType = "warranty-claim", DealerCode = "D001", Region = "North", DocumentNumber = "WC-1",
        Status = status, Channel = "rest", Outcome = "Delivered", SubmittedAt = Monday, Contributions = contributions,
    };
}
