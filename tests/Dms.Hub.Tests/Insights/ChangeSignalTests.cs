using Dms.Hub.Insights;
using Dms.Hub.Workflow;
using Microsoft.Extensions.Time.Testing;

namespace Dms.Hub.Tests.Insights;

/// <summary>The projector's nudges wait for a document's burst of changes to end, so a burst is projected once.</summary>
public sealed class ChangeSignalTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
    private readonly ChangeSignal _signal;

    public ChangeSignalTests() =>
        _signal = new ChangeSignal(new TestOptions<InsightsOptions>(new InsightsOptions { CoalesceMilliseconds = 1000, MaxDelayMilliseconds = 5000 }), _clock);

    [Fact]
    public void ABurstOfChanges_IsOneNudge_OnceTheDocumentIsQuiet_WithItsNewestRevision()
    {
        for (var revision = 1; revision <= 4; revision++)
        {
            _signal.Changed(Nudge("T-1", revision));
            _clock.Advance(TimeSpan.FromMilliseconds(300));
        }

        // 300 ms after the last change: still in its burst, and left to the nudge by a scan.
        Assert.Empty(_signal.Drain(100));
        Assert.True(_signal.IsWaiting("T-1"));

        _clock.Advance(TimeSpan.FromMilliseconds(700));
        var due = Assert.Single(_signal.Drain(100));
        Assert.Equal(4, due.Revision);
        Assert.False(_signal.IsWaiting("T-1"));
        Assert.Null(_signal.Next());
    }

    [Fact]
    public void ADocumentThatKeepsChanging_IsStillProjected_AfterTheLongestDelay()
    {
        var start = _clock.GetUtcNow();
        for (var revision = 1; revision <= 20; revision++)
        {
            _signal.Changed(Nudge("T-2", revision));
            Assert.Empty(_signal.Drain(100));
            _clock.Advance(TimeSpan.FromMilliseconds(250));
        }

        // 5 s after its first waiting change, whatever comes next.
        Assert.Equal((start + TimeSpan.FromSeconds(5), start), _signal.Next());
        Assert.Equal(20, Assert.Single(_signal.Drain(100)).Revision);
    }

    [Fact]
    public void TheBacklog_CountsOnlyWhileAProjectorHereDrains()
    {
        _signal.Changed(Nudge("T-4", 1));
        _signal.Changed(Nudge("T-5", 1));

        // Nobody drained yet (the projector runs elsewhere): nothing to wait for.
        Assert.Equal(0, _signal.Backlog);
        Assert.Equal(2, _signal.Count);

        Assert.Empty(_signal.Drain(100));
        Assert.Equal(2, _signal.Backlog);

        _clock.Advance(ChangeSignal.DrainedWithin + TimeSpan.FromSeconds(1));
        Assert.Equal(0, _signal.Backlog);
    }

    [Fact]
    public void AnOlderRevisionArrivingLate_DoesNotReplaceTheNewer()
    {
        _signal.Changed(Nudge("T-3", 5));
        _signal.Changed(Nudge("T-3", 4));
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(5, Assert.Single(_signal.Drain(100)).Revision);
    }

    [Fact]
    public void Drain_TakesTheLongestWaitingFirst_UpToTheBatch()
    {
        _signal.Changed(Nudge("T-4", 1));
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        _signal.Changed(Nudge("T-5", 1));
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        _signal.Changed(Nudge("T-6", 1));
        _clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(["T-4", "T-5"], _signal.Drain(2).Select(n => n.Key.TrackingId));
        Assert.Equal(["T-6"], _signal.Drain(2).Select(n => n.Key.TrackingId));
    }

    [Fact]
    public async Task WaitAsync_CompletesWhenANudgeArrives()
    {
        var waiting = _signal.WaitAsync(TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);

        _signal.Changed(Nudge("T-7", 1));

        await waiting;
    }

    private static ChangeNudge Nudge(string trackingId, int revision) => new(new DocumentKey("D1", "warranty-claim", trackingId), revision, "etag-" + revision);
}
