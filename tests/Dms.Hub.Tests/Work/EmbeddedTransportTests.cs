using Dms.Hub.Work;

namespace Dms.Hub.Tests.Work;

/// <summary>What the embedded transport adds to the contract: it absorbs what it already holds, so the sweep may offer everything.</summary>
public sealed class EmbeddedTransportTests
{
    private readonly EmbeddedWorkTransport _transport = new(TimeProvider.System);

    [Fact]
    public async Task Send_ItemAlreadyInFlight_IsAbsorbedUntilCompleted()
    {
        var message = new WorkMessage(WorkKinds.Route, "D001", Dms.Hub.Common.Ids.NewUlid(DateTimeOffset.UtcNow), 0, DateTimeOffset.UtcNow);
        await _transport.SendAsync([message], TestContext.Current.CancellationToken);
        var received = Assert.Single(await _transport.ReceiveAsync(WorkKinds.Route, 8, TestContext.Current.CancellationToken));

        await _transport.SendAsync([message], TestContext.Current.CancellationToken);
        Assert.Equal(0, _transport.Count);

        await _transport.CompleteAsync(received, message with { Attempt = 1 }, TestContext.Current.CancellationToken);
        Assert.Equal(1, _transport.Count);
    }

    [Fact]
    public async Task Send_SameItemTwice_QueuesItOnceAtTheEarlierTime()
    {
        var now = DateTimeOffset.UtcNow;
        var message = new WorkMessage(WorkKinds.Deliver, "D001", Dms.Hub.Common.Ids.NewUlid(now), 0, now.AddHours(1));

        await _transport.SendAsync([message, message with { NotBefore = now }], TestContext.Current.CancellationToken);

        Assert.Equal(1, _transport.Count);
        Assert.Single(await _transport.ReceiveAsync(WorkKinds.Deliver, 8, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CountDue_CountsWhatIsDueAcrossKinds_NotLaterOrInFlight_StopsAtTheLimit()
    {
        var now = DateTimeOffset.UtcNow;
        WorkMessage At(string kind, DateTimeOffset due) => new(kind, "D001", Dms.Hub.Common.Ids.NewUlid(now), 0, due);
        await _transport.SendAsync([At(WorkKinds.Deliver, now), At(WorkKinds.Deliver, now.AddSeconds(-5)), At(WorkKinds.Effect, now), At(WorkKinds.Effect, now.AddDays(7))], TestContext.Current.CancellationToken);
        Assert.Equal(3, ((IWorkTransport)_transport).CountDue(now, 100));
        Assert.Equal(2, ((IWorkTransport)_transport).CountDue(now, 2));

        Assert.Single(await _transport.ReceiveAsync(WorkKinds.Effect, 8, TestContext.Current.CancellationToken));
        Assert.Equal(2, ((IWorkTransport)_transport).CountDue(now, 100));
        Assert.Equal(3, ((IWorkTransport)_transport).CountDue(now.AddDays(8), 100));
    }
}
