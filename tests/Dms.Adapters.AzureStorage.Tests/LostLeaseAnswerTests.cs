using Dms.Adapters.AzureStorage.Internal;
using Dms.Hub.Storage;
using Dms.Hub.Work;

namespace Dms.Adapters.AzureStorage.Tests;

/// <summary>
/// Storage takes a lease write but its answer is lost (a timeout on a saturated Azurite): the SDK sends the write again,
/// and the resend is refused (412) because the ETag moved — by the first send. The runner must recognise its own
/// lease; before, the item looked leased by someone else and nobody ran it until the lease ended.
/// </summary>
public sealed class LostLeaseAnswerTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Lease_WhoseAnswerWasLost_IsRecognisedAsOwn_NotWaitedOut(bool withSnapshot)
    {
        var dealer = Records.Dealer();
        var document = Records.Document(dealer);
        var item = Records.Work(dealer, document, DateTimeOffset.UtcNow);
        Assert.Equal(CommitResult.Committed, await fixture.Get<IDocumentStore>().CommitAsync(Records.Create(document, item), default));
        var stored = await PendingAsync(item.Id);

        var lose = new LoseFirstAnswer(LoseFirstAnswer.WorkRowUpdate);
        var work = new TableWorkStore(Tables(lose));
        var reference = withSnapshot ? WorkMessage.For(stored).Ref : new WorkRef(dealer, item.Id, stored.ReadyAt, null, false);
        var attempt = await work.TryLeaseAsync(reference, DateTimeOffset.UtcNow, Lease, LeaseMode.WhenDue, default);

        Assert.Equal(1, lose.Lost);
        var lease = Assert.IsType<WorkLease>(attempt.Lease);
        Assert.Equal(1, lease.Attempt);

        // The lease is usable: the item completes under its ETag.
        Assert.Equal(CommitResult.Committed, await fixture.Get<IDocumentStore>().CommitAsync(new ChangeSet(dealer) { CompleteWork = lease }, default));
        Assert.Null(await FindAsync(item.Id));
    }

    [Fact]
    public async Task Lease_AnotherRunnerHolds_StillBusy()
    {
        var dealer = Records.Dealer();
        var document = Records.Document(dealer);
        var item = Records.Work(dealer, document, DateTimeOffset.UtcNow);
        Assert.Equal(CommitResult.Committed, await fixture.Get<IDocumentStore>().CommitAsync(Records.Create(document, item), default));
        var stored = await PendingAsync(item.Id);
        var now = DateTimeOffset.UtcNow;

        var first = await fixture.Get<IWorkStore>().TryLeaseAsync(WorkMessage.For(stored).Ref, now, Lease, LeaseMode.WhenDue, default);
        var second = await new TableWorkStore(Tables(new LoseFirstAnswer(LoseFirstAnswer.WorkRowUpdate))).TryLeaseAsync(WorkMessage.For(stored).Ref, now, Lease, LeaseMode.WhenDue, default);

        Assert.NotNull(first.Lease);
        Assert.Null(second.Lease);
        Assert.Equal(first.Lease!.Until, second.BusyUntil);
    }

    private TableSet Tables(LoseFirstAnswer policy) => LostAnswers.Tables(fixture, policy);

    private async Task<WorkItem> PendingAsync(string id) => await LostAnswers.FindWorkAsync(fixture, id) ?? throw new InvalidOperationException("work item not stored");

    private Task<WorkItem?> FindAsync(string id) => LostAnswers.FindWorkAsync(fixture, id);
}
