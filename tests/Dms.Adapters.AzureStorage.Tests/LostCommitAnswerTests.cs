using Dms.Adapters.AzureStorage.Internal;
using Dms.Hub.Storage;
using Dms.Hub.Work;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dms.Adapters.AzureStorage.Tests;

/// <summary>
/// Storage applies a commit's transaction but its answer is lost (a client timeout on a saturated Azurite): the SDK
/// sends the batch again and the resend is refused because the first send moved the ETags or added the rows. The
/// store must answer Committed, with the ETags later steps write under — before, it answered a conflict, the caller
/// re-planned, found its step done, and the work the first send created (leased to this process at birth) waited for
/// the recovery sweep: the stranded pushes of sessions 6–9.
/// </summary>
public sealed class LostCommitAnswerTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task DocumentUpdate_WhoseAnswerWasLost_IsCommitted_NewWorkCarriesItsStoredETag()
    {
        var dealer = Records.Dealer();
        var document = Records.Document(dealer);
        Assert.Equal(CommitResult.Committed, await fixture.Get<IDocumentStore>().CommitAsync(Records.Create(document), default));
        var stored = (await fixture.Get<IDocumentStore>().GetAsync(dealer, document.DocumentType, document.TrackingId, default))!;

        stored.Status = "Accepted";
        stored.Revision++;
        var now = DateTimeOffset.UtcNow;
        var push = Records.Work(dealer, stored) with { Kind = WorkKinds.Notify, Attempt = 1, LeasedUntil = now.AddSeconds(30) };
        var changes = Records.Create(stored, push);

        var lose = new LoseFirstAnswer(LoseFirstAnswer.Batch);
        var result = await new TableDocumentStore(Tables(lose), TimeProvider.System, NullLogger<TableDocumentStore>.Instance).CommitAsync(changes, default);

        Assert.Equal(1, lose.Lost);
        Assert.Equal(CommitResult.Committed, result);
        var row = await FindAsync(push.Id);
        Assert.NotNull(row);
        Assert.Equal(row!.ETag, changes.NewWork[0].ETag);
        var after = (await fixture.Get<IDocumentStore>().GetAsync(dealer, document.DocumentType, document.TrackingId, default))!;
        Assert.Equal("Accepted", after.Status);
        Assert.Equal(after.ETag, stored.ETag);
        Assert.NotNull(changes.MarkerETag);
    }

    [Fact]
    public async Task NewDocument_WhoseAnswerWasLost_IsCommitted_NotTakenForADuplicate()
    {
        var dealer = Records.Dealer();
        var document = Records.Document(dealer);
        var work = Records.Work(dealer, document);
        var changes = Records.Create(document, work);

        var lose = new LoseFirstAnswer(LoseFirstAnswer.Batch);
        var result = await new TableDocumentStore(Tables(lose), TimeProvider.System, NullLogger<TableDocumentStore>.Instance).CommitAsync(changes, default);

        Assert.Equal(1, lose.Lost);
        Assert.Equal(CommitResult.Committed, result);
        Assert.Equal((await FindAsync(work.Id))!.ETag, changes.NewWork[0].ETag);
    }

    [Fact]
    public async Task Reschedule_WhoseAnswerWasLost_IsCommitted_WithTheRowsETag()
    {
        var dealer = Records.Dealer();
        var document = Records.Document(dealer);
        var item = Records.Work(dealer, document);
        Assert.Equal(CommitResult.Committed, await fixture.Get<IDocumentStore>().CommitAsync(Records.Create(document, item), default));
        var lease = (await fixture.Get<IWorkStore>().TryLeaseAsync(new WorkRef(dealer, item.Id, item.DueAt, null, false), DateTimeOffset.UtcNow, TimeSpan.FromSeconds(30), LeaseMode.WhenDue, default)).Lease!;

        var due = DateTimeOffset.UtcNow.AddSeconds(5);
        var changes = new ChangeSet(dealer) { RescheduleWork = (lease, due, "dealer answered 503") };
        var lose = new LoseFirstAnswer(LoseFirstAnswer.Batch);
        var result = await new TableDocumentStore(Tables(lose), TimeProvider.System, NullLogger<TableDocumentStore>.Instance).CommitAsync(changes, default);

        Assert.Equal(1, lose.Lost);
        Assert.Equal(CommitResult.Committed, result);
        var row = (await FindAsync(item.Id))!;
        Assert.Null(row.LeasedUntil);
        Assert.Equal(row.ETag, changes.Rescheduled!.ETag);
    }

    [Fact]
    public async Task GroupOfNewDocuments_WhoseAnswerWasLost_AllCommitted()
    {
        var dealer = Records.Dealer();
        var changes = Enumerable.Range(0, 3).Select(_ => Records.Document(dealer)).Select(d => Records.Create(d, Records.Work(dealer, d))).ToList();

        var lose = new LoseFirstAnswer(LoseFirstAnswer.Batch);
        var tables = Tables(lose);
        var bulk = new TableBulkCommitStore(tables, new TableDocumentStore(tables, TimeProvider.System, NullLogger<TableDocumentStore>.Instance), TimeProvider.System, NullLogger<TableDocumentStore>.Instance);
        var results = await bulk.CommitAllAsync(changes, default);

        Assert.Equal(1, lose.Lost);
        Assert.All(results, r => Assert.Equal(CommitResult.Committed, r));
        foreach (var change in changes)
        {
            Assert.Equal((await FindAsync(change.NewWork[0].Id))!.ETag, change.NewWork[0].ETag);
        }
    }

    [Fact]
    public async Task StaleUpdate_AnotherChangeLanded_StillAConflict()
    {
        var dealer = Records.Dealer();
        var document = Records.Document(dealer);
        var store = fixture.Get<IDocumentStore>();
        Assert.Equal(CommitResult.Committed, await store.CommitAsync(Records.Create(document), default));
        var first = (await store.GetAsync(dealer, document.DocumentType, document.TrackingId, default))!;
        var second = (await store.GetAsync(dealer, document.DocumentType, document.TrackingId, default))!;

        first.Status = "Accepted";
        Assert.Equal(CommitResult.Committed, await store.CommitAsync(Records.Create(first), default));
        second.Status = "Rejected";
        Assert.Equal(CommitResult.DocumentConflict, await store.CommitAsync(Records.Create(second, Records.Work(dealer, second)), default));
    }

    private TableSet Tables(LoseFirstAnswer policy) => LostAnswers.Tables(fixture, policy);

    private Task<WorkItem?> FindAsync(string id) => LostAnswers.FindWorkAsync(fixture, id);
}
