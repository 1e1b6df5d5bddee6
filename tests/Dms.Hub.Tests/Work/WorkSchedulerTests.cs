using Dms.Hub.Work;
using Microsoft.Extensions.Time.Testing;

namespace Dms.Hub.Tests.Work;

public sealed class WorkSchedulerTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task TakeNextDue_ItemsOutOfOrder_ComeInDueOrder()
    {
        var scheduler = new WorkScheduler(_clock);
        var now = _clock.GetUtcNow();
        scheduler.Schedule(Message("b", now.AddSeconds(-1)));
        scheduler.Schedule(Message("a", now.AddSeconds(-2)));

        Assert.Equal("a", (await scheduler.TakeNextDueAsync(TestContext.Current.CancellationToken)).WorkId);
        Assert.Equal("b", (await scheduler.TakeNextDueAsync(TestContext.Current.CancellationToken)).WorkId);
        Assert.Equal(0, scheduler.Count);
    }

    [Fact]
    public async Task Schedule_SameIdTwice_KeepsTheEarlierAndRunsOnce()
    {
        var scheduler = new WorkScheduler(_clock);
        var now = _clock.GetUtcNow();
        scheduler.Schedule(Message("a", now.AddMinutes(5)));
        scheduler.Schedule(Message("a", now));
        scheduler.Schedule(Message("a", now.AddMinutes(10)));

        Assert.Equal(1, scheduler.Count);
        Assert.Equal("a", (await scheduler.TakeNextDueAsync(TestContext.Current.CancellationToken)).WorkId);
        Assert.False(scheduler.Contains("a"));
    }

    [Fact]
    public async Task TakeNextDue_ItemInTheFuture_WaitsUntilItIsDue()
    {
        var scheduler = new WorkScheduler(_clock);
        scheduler.Schedule(Message("later", _clock.GetUtcNow().AddSeconds(30)));

        var take = scheduler.TakeNextDueAsync(TestContext.Current.CancellationToken);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(take.IsCompleted);

        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("later", (await take.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken)).WorkId);
    }

    [Fact]
    public async Task TakeNextDue_ItemDueBeyondATimersRange_WaitsWithoutFailing_AndComesWhenDue()
    {
        // A timer cannot wait 50 days or more; the scheduler must still wait (not throw in a loop) and deliver it.
        var scheduler = new WorkScheduler(_clock);
        scheduler.Schedule(Message("next-year", _clock.GetUtcNow().AddYears(1)));

        var take = scheduler.TakeNextDueAsync(TestContext.Current.CancellationToken);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(take.IsCompleted);

        // Days pass (past the due date too: a wait the scheduler starts late still ends).
        for (var day = 0; day < 1000 && !take.IsCompleted; day++)
        {
            _clock.Advance(TimeSpan.FromDays(1));
            await Task.Delay(1, TestContext.Current.CancellationToken);
        }

        Assert.Equal("next-year", (await take.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken)).WorkId);
    }

    [Fact]
    public async Task TakeNextDue_EarlierItemArrivesWhileWaiting_ReturnsIt()
    {
        var scheduler = new WorkScheduler(_clock);
        scheduler.Schedule(Message("later", _clock.GetUtcNow().AddHours(1)));
        var take = scheduler.TakeNextDueAsync(TestContext.Current.CancellationToken);

        scheduler.Schedule(Message("now", _clock.GetUtcNow()));

        Assert.Equal("now", (await take.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken)).WorkId);
    }

    private static WorkMessage Message(string id, DateTimeOffset due) => new(WorkKinds.Route, "D1", id, 0, due);
}
