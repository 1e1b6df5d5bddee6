using Dms.Hub.Insights.Rebuild;

namespace Dms.Console.Tests.Unit;

/// <summary>What the read-model page and the banner say of a rebuild: k of N (≈ while listing, exact while counting), the rate and the time left.</summary>
public sealed class RebuildProgressTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 18, 0, 0, TimeSpan.Zero);

    private static RebuildCheckpoint Checkpoint(string phase, long listed, long counted = 0, long? expected = 30_000) =>
        new(phase, "cursor", listed, counted, Start, Start.AddSeconds(30), "ada", "test", 1) { Expected = expected, PhaseStartedAt = Start.AddSeconds(10), PhaseFrom = 2_000 };

    [Fact]
    public void Listing_IsKOfApproximatelyN_AtThePhasesRate_WithTheTimeLeft()
    {
        // 12,000 − 2,000 (resumed at) in 20 s = 500 a second; 18,000 left = 36 s.
        var progress = RebuildProgress.Of(Checkpoint(RebuildCheckpoint.Listing, 12_000), Start.AddSeconds(31));

        Assert.Equal((12_000L, 30_000L, true), (progress.Done, progress.Total!.Value, progress.Approximate));
        Assert.Equal(500, progress.PerSecond!.Value, 3);
        Assert.Equal(TimeSpan.FromSeconds(36), progress.Remaining);
        Assert.Equal("listing: 12,000 of ≈ 30,000 documents (40 %), 500 a second, about 36 s left in this phase (counting follows)", progress.Describe());
    }

    [Fact]
    public void Counting_IsKOfTheDocumentsListed_Exactly()
    {
        var progress = RebuildProgress.Of(Checkpoint(RebuildCheckpoint.Counting, 31_000, counted: 12_000) with { PhaseFrom = 0 }, Start.AddSeconds(31));

        Assert.Equal((12_000L, 31_000L, false), (progress.Done, progress.Total!.Value, progress.Approximate));
        Assert.Equal("counting: 12,000 of 31,000 listed documents (38 %), 600 a second, about 32 s left in this phase", progress.Describe());
    }

    [Fact]
    public void MoreListedThanExpected_OrNothingExpected_SaysSo_WithoutATimeLeft()
    {
        var over = RebuildProgress.Of(Checkpoint(RebuildCheckpoint.Listing, 31_000), Start.AddSeconds(31));
        var unknown = RebuildProgress.Of(Checkpoint(RebuildCheckpoint.Listing, 3_000, expected: null), Start.AddSeconds(31));

        Assert.Null(over.Remaining);
        Assert.StartsWith("listing: 31,000 documents (≈ 30,000 expected: more than the old read model counted)", over.Describe(), StringComparison.Ordinal);
        Assert.Null(unknown.Remaining);
        Assert.StartsWith("listing: 3,000 documents (total unknown", unknown.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void NoStepForMinutes_PromisesNoTimeLeft_AndSaysItMayHaveStopped()
    {
        var progress = RebuildProgress.Of(Checkpoint(RebuildCheckpoint.Listing, 12_000), Start.AddMinutes(5));

        Assert.Null(progress.Remaining);
        Assert.EndsWith("500 a second; no step for 5 min: if no hub is rebuilding (its log says), it goes on when the hub starts again or an Admin asks", progress.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void WaitingForAProjector_ThenClearing_SayWhatIsHappening()
    {
        var waiting = Checkpoint(RebuildCheckpoint.Clearing, 0) with { WaitingUntil = Start.AddSeconds(40) };

        Assert.Equal("waiting up to 9 s for a projector's cycle in flight to end (nothing cleared yet)", RebuildProgress.Of(waiting, Start.AddSeconds(31)).Describe());
        Assert.Equal("clearing the old read model (about 30,000 documents to list next)", RebuildProgress.Of(waiting, Start.AddSeconds(41)).Describe());
    }
}
