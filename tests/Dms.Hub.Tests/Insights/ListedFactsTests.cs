using Dms.Hub.Insights;

namespace Dms.Hub.Tests.Insights;

/// <summary>What the projector listed itself stays trusted; a projection that failed half-way is read again, alone.</summary>
public sealed class ListedFactsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private readonly ListedFacts _listed = new(new TestOptions<InsightsOptions>(new InsightsOptions { ClockSkewSeconds = 60 }));

    [Fact]
    public void AfterAFailedProjection_OnlyItsDocumentsAreRead_TheRestStaysTrusted()
    {
        _listed.Start(Start);
        var (failed, other, fresh) = (Facts("D001-A", 2), Facts("D001-B", 3), Facts("D001-C", 1));
        _listed.Put([failed, other], Start.AddMinutes(2));

        _listed.Suspect([failed.TrackingId, fresh.TrackingId]);

        Assert.False(_listed.TryGet(failed, out _));
        Assert.False(_listed.TryGet(fresh, out _));
        Assert.True(_listed.TryGet(other, out var kept));
        Assert.Equal(3, kept!.Revision);
        Assert.True(_listed.TryGet(Facts("D001-D", 1), out var never));
        Assert.Null(never);

        _listed.Put([failed with { Revision = 3 }], Start.AddMinutes(3));
        Assert.True(_listed.TryGet(failed, out var again));
        Assert.Equal(3, again!.Revision);
    }

    [Fact]
    public void ANewStart_ForgetsWhatWasSuspect()
    {
        _listed.Start(Start);
        _listed.Suspect(["D001-A"]);
        _listed.Start(Start.AddMinutes(5));

        Assert.True(_listed.TryGet(Facts("D001-A", 1, Start.AddMinutes(7)), out var listed));
        Assert.Null(listed);
    }

    [Fact]
    public void PastTwoGenerations_TheOldestAreReadAgain_NewDocumentsStillNeedNoRead_MemoryStaysBounded()
    {
        _listed.Start(Start);
        var written = Enumerable.Range(0, (ListedFacts.GenerationSize * 2) + 5_000).Select(i => Facts($"D001-{i:D6}", 2)).ToList();
        foreach (var chunk in written.Chunk(100))
        {
            _listed.Put(chunk, Start.AddMinutes(3));
        }

        Assert.True(_listed.Count <= ListedFacts.GenerationSize * 2);

        // The first generation is gone: those documents were listed, so their listing rows are read (never "never listed").
        Assert.All(written.Take(ListedFacts.GenerationSize / 2), f => Assert.False(_listed.TryGet(f, out _)));
        Assert.True(_listed.TryGet(written[^1], out var kept));
        Assert.Equal(written[^1], kept);

        // A document this projector never listed, submitted after the start, still needs no read.
        Assert.True(_listed.TryGet(Facts("D001-NEW", 1), out var never));
        Assert.Null(never);
    }

    [Fact]
    public void BloomFilter_NeverAnswersNoForWhatWasAdded()
    {
        var filter = new Dms.Hub.Common.BloomFilter(1_000);
        var added = Enumerable.Range(0, 1_000).Select(i => $"D001-{i:D6}").ToList();
        added.ForEach(filter.Add);

        Assert.All(added, a => Assert.True(filter.MayContain(a)));
        Assert.True(filter.IsFull);
        Assert.True(Enumerable.Range(0, 1_000).Count(i => filter.MayContain($"D002-{i:D6}")) < 50);
        filter.Clear();
        Assert.False(filter.MayContain(added[0]));
    }

    private static DocumentFacts Facts(string trackingId, int revision, DateTimeOffset? submittedAt = null) => new()
    {
        TrackingId = trackingId,
        DocumentType = "warranty-claim",
        DealerCode = "D001",
        Region = "East",
        DocumentNumber = "WC-" + trackingId,
        Status = "Submitted",
        Channel = "rest",
        Outcome = "Open",
        Revision = revision,
        SubmittedAt = submittedAt ?? Start.AddMinutes(2),
    };
}
