using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Storage;
using Dms.Hub.Work;

namespace Dms.Functions.Tests.Batches;

/// <summary>
/// A batch file's inline work is recorded in journals (<see cref="WorkJournal"/>); a journal the process that wrote it
/// did not delete — it stopped, or a member could not be settled — is found once its lease ends and gives every member
/// a row of its own, with its first attempt counted, and goes; the members then run as any work does.
/// </summary>
public sealed class WorkJournalTests(FakeClockHubFixture fixture) : IClassFixture<FakeClockHubFixture>
{
    [Fact]
    public async Task JournalWhoseLeaseEnded_EachMemberGetsItsOwnRow_OneWithARowAlreadyKeptOnce_JournalGone_MembersRunAsUsual()
    {
        var hub = fixture.Hub;
        var dealer = TestDocuments.NewDealerCode();
        var now = fixture.Clock.GetUtcNow();
        var members = Enumerable.Range(0, 3).Select(_ => new WorkItem(
            Ids.NewUlid(now), WorkKinds.Deliver, dealer, "retail-delivery-report", TrackingIds.New(dealer, now), new JsonObject { ["deliveryId"] = "d1" }, now, now, "corr",
            Attempt: 1, LeasedUntil: now.AddSeconds(60))).ToList();
        var journal = new ChangeSet(dealer);
        journal.NewWork.Add(WorkJournal.For(dealer, members, now));
        Assert.Equal(CommitResult.Committed, await hub.Service<IDocumentStore>().CommitAsync(journal, default));
        // One member was retried before the journal could go: it has its row already.
        var retried = new ChangeSet(dealer);
        retried.NewWork.Add(members[1] with { LeasedUntil = null, LastError = "503" });
        Assert.Equal(CommitResult.Committed, await hub.Service<IDocumentStore>().CommitAsync(retried, default));
        var runner = hub.Service<WorkRunner>();

        Assert.Equal(WorkOutcomeKind.Skipped, (await runner.RunAsync(journal.NewWork[0].Ref, default)).Kind);
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(WorkOutcomeKind.Completed, (await runner.RunAsync(journal.NewWork[0].Ref, default)).Kind);

        var pending = await PendingAsync(dealer);
        Assert.Equal(members.Select(m => m.Id).Order(), pending.Select(p => p.Id).Order());
        Assert.All(pending, p => Assert.Equal((WorkKinds.Deliver, 1, (DateTimeOffset?)null), (p.Kind, p.Attempt, p.LeasedUntil)));
        Assert.Equal("503", pending.Single(p => p.Id == members[1].Id).LastError);

        // Their documents do not exist here: each run finds nothing to send and completes, and its row goes.
        foreach (var item in pending)
        {
            Assert.Equal(WorkOutcomeKind.Completed, (await runner.RunAsync(item.Ref, default)).Kind);
        }

        Assert.Empty(await PendingAsync(dealer));
    }

    private async Task<List<WorkItem>> PendingAsync(string dealer)
    {
        var found = new List<WorkItem>();
        await foreach (var item in fixture.Hub.Service<IWorkStore>().ScanPendingAsync(CancellationToken.None))
        {
            if (item.DealerCode == dealer)
            {
                found.Add(item);
            }
        }

        return found;
    }
}
