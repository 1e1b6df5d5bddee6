using Dms.Hub.Storage;
using Dms.Hub.Work;

namespace Dms.Adapters.AzureStorage.Tests;

public sealed class TableWorkStoreTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private IWorkStore Work => fixture.Get<IWorkStore>();

    private IDocumentStore Store => fixture.Get<IDocumentStore>();

    [Fact]
    public async Task Lease_CountsAttemptDurably_SecondRunnerSeesBusyUntil()
    {
        var item = await CreateWorkAsync();
        var now = DateTimeOffset.UtcNow;

        var first = await Work.TryLeaseAsync(item.Ref, now, Lease, LeaseMode.WhenDue, default);
        var second = await Work.TryLeaseAsync(item.Ref, now, Lease, LeaseMode.WhenDue, default);

        Assert.Equal(1, first.Lease!.Attempt);
        Assert.Null(second.Lease);
        Assert.Equal(first.Lease.Until, second.BusyUntil);
        var pending = await Pending(item.Id);
        Assert.Equal(1, pending!.Attempt);
        Assert.Equal(first.Lease.Until, pending.LeasedUntil);
    }

    [Fact]
    public async Task CountDue_CountsTheDueItemsOfTheDealersPartition_NotLaterOnes_StopsAtTheLimit()
    {
        var dealer = Records.Dealer();
        var now = DateTimeOffset.UtcNow;
        // The partition is shared with the class's other tests (three shards): count relative to what was there.
        var before = await Work.CountDueAsync(dealer, now.AddSeconds(1), 10_000, default);
        var laterBefore = await Work.CountDueAsync(dealer, now.AddDays(2), 10_000, default);
        var changes = new ChangeSet(dealer);
        changes.NewWork.AddRange(Enumerable.Range(0, 5).Select(_ => Records.Work(dealer, due: now)));
        changes.NewWork.AddRange(Enumerable.Range(0, 3).Select(_ => Records.Work(dealer, due: now.AddDays(1))));
        Assert.Equal(CommitResult.Committed, await Store.CommitAsync(changes, default));

        Assert.Equal(before + 5, await Work.CountDueAsync(dealer, now.AddSeconds(1), 10_000, default));
        Assert.Equal(laterBefore + 8, await Work.CountDueAsync(dealer, now.AddDays(2), 10_000, default));
        Assert.Equal(before + 2, await Work.CountDueAsync(dealer, now.AddSeconds(1), before + 2, default));
    }

    [Fact]
    public async Task Lease_AfterLeaseLapses_NextRunnerTakesOverAndOldLeaseCannotComplete()
    {
        var item = await CreateWorkAsync();
        var now = DateTimeOffset.UtcNow;
        var crashed = (await Work.TryLeaseAsync(item.Ref, now, Lease, LeaseMode.WhenDue, default)).Lease!;

        var takeover = (await Work.TryLeaseAsync(item.Ref, now + Lease + TimeSpan.FromSeconds(1), Lease, LeaseMode.WhenDue, default)).Lease!;
        var late = await Store.CommitAsync(new ChangeSet(item.DealerCode) { CompleteWork = crashed }, default);
        var done = await Store.CommitAsync(new ChangeSet(item.DealerCode) { CompleteWork = takeover }, default);

        Assert.Equal(2, takeover.Attempt);
        Assert.Equal(CommitResult.WorkConflict, late);
        Assert.Equal(CommitResult.Committed, done);
        Assert.Same(LeaseAttempt.Gone, await Work.TryLeaseAsync(item.Ref, now + Lease * 3, Lease, LeaseMode.WhenDue, default));
    }

    [Fact]
    public async Task Lease_NotDueYet_BusyUntilDue()
    {
        var due = DateTimeOffset.UtcNow.AddMinutes(5);
        var item = await CreateWorkAsync(due);

        var attempt = await Work.TryLeaseAsync(item.Ref, DateTimeOffset.UtcNow, Lease, LeaseMode.WhenDue, default);

        Assert.Null(attempt.Lease);
        Assert.Equal(due, attempt.BusyUntil!.Value, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Lease_EvenIfNotDue_TakesWaitingItemButNeverALiveLease()
    {
        var item = await CreateWorkAsync(DateTimeOffset.UtcNow.AddMinutes(5));
        var now = DateTimeOffset.UtcNow;

        var early = await Work.TryLeaseAsync(item.Ref, now, Lease, LeaseMode.EvenIfNotDue, default);
        var again = await Work.TryLeaseAsync(item.Ref, now, Lease, LeaseMode.EvenIfNotDue, default);

        Assert.Equal(1, early.Lease!.Attempt);
        Assert.Null(again.Lease);
        Assert.Equal(early.Lease.Until, again.BusyUntil);
    }

    [Fact]
    public async Task Reschedule_ReleasesLeaseKeepsAttemptsAndReason()
    {
        var item = await CreateWorkAsync();
        var lease = (await Work.TryLeaseAsync(item.Ref, DateTimeOffset.UtcNow, Lease, LeaseMode.WhenDue, default)).Lease!;
        var due = DateTimeOffset.UtcNow.AddSeconds(10);

        await Store.CommitAsync(new ChangeSet(item.DealerCode) { RescheduleWork = (lease, due, "HTTP 503") }, default);

        var pending = await Pending(item.Id);
        Assert.Equal((1, "HTTP 503", (DateTimeOffset?)null), (pending!.Attempt, pending.LastError, pending.LeasedUntil));
        Assert.Equal(due, pending.DueAt, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Defer_GivesTheAttemptBack_KeepsTheLastError_ReturnsTheNewETag()
    {
        var item = await CreateWorkAsync();
        var failed = (await Work.TryLeaseAsync(item.Ref, DateTimeOffset.UtcNow, Lease, LeaseMode.WhenDue, default)).Lease!;
        await Store.CommitAsync(new ChangeSet(item.DealerCode) { RescheduleWork = (failed, DateTimeOffset.UtcNow, "HTTP 503") }, default);
        var lease = (await Work.TryLeaseAsync(item.Ref, DateTimeOffset.UtcNow, Lease, LeaseMode.WhenDue, default)).Lease!;
        var due = DateTimeOffset.UtcNow.AddSeconds(15);

        var defer = new ChangeSet(item.DealerCode) { DeferWork = (lease, due, "Circuit open") };
        await Store.CommitAsync(defer, default);

        var pending = (await Pending(item.Id))!;
        Assert.Equal((2, 1, "HTTP 503", (DateTimeOffset?)null), (lease.Attempt, pending.Attempt, pending.LastError, pending.LeasedUntil));
        Assert.Equal(pending.ETag, defer.Rescheduled!.ETag);
        Assert.Equal(1, defer.Rescheduled.Attempt);
    }

    [Fact]
    public async Task DeadLetter_MovesWorkOut_ReplayMarksOnceUnderETag()
    {
        var item = await CreateWorkAsync();
        var lease = (await Work.TryLeaseAsync(item.Ref, DateTimeOffset.UtcNow, Lease, LeaseMode.WhenDue, default)).Lease!;

        await Store.CommitAsync(new ChangeSet(item.DealerCode) { DeadLetterWork = (lease, "gave up") }, default);

        Assert.Null(await Pending(item.Id));
        var letter = (await Work.GetDeadLetterAsync(item.DealerCode, item.Id, default))!;
        Assert.Equal(("gave up", 1), (letter.Reason, letter.Item.Attempt));
        Assert.Contains(await Work.ListDeadLettersAsync(default), l => l.Id == letter.Id);

        var replay = new ChangeSet(item.DealerCode) { ReplayedDeadLetter = letter with { ReplayedAt = DateTimeOffset.UtcNow, ReplayWorkId = "w2" } };
        var twice = new ChangeSet(item.DealerCode) { ReplayedDeadLetter = letter with { ReplayedAt = DateTimeOffset.UtcNow, ReplayWorkId = "w3" } };
        Assert.Equal(CommitResult.Committed, await Store.CommitAsync(replay, default));
        Assert.Equal(CommitResult.WorkConflict, await Store.CommitAsync(twice, default));
        Assert.Equal("w2", (await Work.GetDeadLetterAsync(item.DealerCode, item.Id, default))!.ReplayWorkId);
        Assert.Null(await Work.GetDeadLetterAsync(Records.Dealer(), item.Id, default));
    }

    [Fact]
    public async Task Lease_WithTheRowAsCommitted_ConditionalUpdateAndNoRead()
    {
        var item = await CreateWorkAsync();
        Assert.NotNull(item.ETag);
        var before = Traffic.Snapshot();

        var lease = (await Work.TryLeaseAsync(WorkMessage.For(item).Ref, DateTimeOffset.UtcNow, Lease, LeaseMode.WhenDue, default)).Lease!;

        Assert.Equal(1, lease.Attempt);
        Assert.Equal(new Dictionary<string, long> { ["table-write"] = 1 }, Trips(before));
        Assert.Equal(CommitResult.Committed, await Store.CommitAsync(new ChangeSet(item.DealerCode) { CompleteWork = lease }, default));
    }

    [Fact]
    public async Task Lease_WithAStaleCopy_ReadsTheRowAndLeasesIt()
    {
        var item = await CreateWorkAsync();
        var stale = WorkMessage.For(item).Ref;
        var first = (await Work.TryLeaseAsync(item.Ref, DateTimeOffset.UtcNow, Lease, LeaseMode.WhenDue, default)).Lease!;
        await Store.CommitAsync(new ChangeSet(item.DealerCode) { RescheduleWork = (first, DateTimeOffset.UtcNow, "HTTP 503") }, default);
        var before = Traffic.Snapshot();

        var second = (await Work.TryLeaseAsync(stale, DateTimeOffset.UtcNow, Lease, LeaseMode.WhenDue, default)).Lease!;

        Assert.Equal((2, "HTTP 503"), (second.Attempt, second.Item.LastError));
        Assert.Equal(new Dictionary<string, long> { ["table-read"] = 1, ["table-write"] = 2 }, Trips(before));
    }

    [Fact]
    public async Task Lease_ClaimedAtCreation_ExtendedWithoutCountingAnotherAttempt()
    {
        var item = await CreateWorkAsync(claimedUntil: DateTimeOffset.UtcNow.AddSeconds(1));
        var now = DateTimeOffset.UtcNow;

        var extended = (await Work.TryLeaseAsync(WorkMessage.For(item).Ref with { Claimed = true }, now, Lease, LeaseMode.WhenDue, default)).Lease!;
        var other = await Work.TryLeaseAsync(WorkMessage.For(item).Ref, now, Lease, LeaseMode.WhenDue, default);

        Assert.Equal((1, now + Lease), (extended.Attempt, extended.Until));
        Assert.Null(other.Lease);
    }

    [Fact]
    public async Task ScanPending_Slices_EachItemInExactlyOne()
    {
        var created = new List<WorkItem>();
        for (var i = 0; i < 6; i++)
        {
            created.Add(await CreateWorkAsync());
        }

        var sliced = new List<string>();
        for (var slice = 0; slice < 2; slice++)
        {
            await foreach (var item in Work.ScanPendingAsync(slice, 2, default))
            {
                sliced.Add(item.Id);
            }
        }

        var all = new List<string>();
        await foreach (var item in Work.ScanPendingAsync(default))
        {
            all.Add(item.Id);
        }

        Assert.Equal(all.Order(), sliced.Order());
        Assert.Subset(all.ToHashSet(), created.Select(c => c.Id).ToHashSet());
    }

    private Dms.Hub.Operations.StorageTraffic Traffic => fixture.Get<Dms.Hub.Operations.StorageTraffic>();

    private Dictionary<string, long> Trips(IReadOnlyDictionary<string, long> before) =>
        Traffic.Snapshot().Select(t => (t.Key, Count: t.Value - before.GetValueOrDefault(t.Key))).Where(t => t.Count > 0).ToDictionary(t => t.Key, t => t.Count);

    private async Task<WorkItem> CreateWorkAsync(DateTimeOffset? due = null, DateTimeOffset? claimedUntil = null)
    {
        var document = Records.Document(Records.Dealer());
        var item = Records.Work(document.DealerCode, document, due);
        if (claimedUntil is not null)
        {
            item = item with { Attempt = 1, LeasedUntil = claimedUntil };
        }

        var changes = Records.Create(document, item);
        Assert.Equal(CommitResult.Committed, await Store.CommitAsync(changes, default));
        return changes.NewWork.Single();
    }

    private async Task<WorkItem?> Pending(string id)
    {
        await foreach (var item in Work.ScanPendingAsync(default))
        {
            if (item.Id == id)
            {
                return item;
            }
        }

        return null;
    }
}
