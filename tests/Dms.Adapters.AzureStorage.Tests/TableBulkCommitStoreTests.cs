using System.Text.Json.Nodes;
using Dms.Hub.Operations;
using Dms.Hub.Storage;
using Dms.Hub.Work;

namespace Dms.Adapters.AzureStorage.Tests;

public sealed class TableBulkCommitStoreTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private IBulkCommitStore Bulk => fixture.Get<IBulkCommitStore>();

    private IDocumentStore Store => fixture.Get<IDocumentStore>();

    [Fact]
    public async Task CommitAll_FiftyNewDocuments_AllStoredWithETags_InFarFewerTransactionsThanDocuments()
    {
        var dealer = Records.Dealer();
        var changes = Enumerable.Range(0, 50).Select(_ => WithKey(Records.Document(dealer))).ToList();
        var before = Batches();

        var results = await Bulk.CommitAllAsync(changes, default);

        Assert.All(results, r => Assert.Equal(CommitResult.Committed, r));
        // Four rows each (document, change marker, key, work): two transactions of ≤ 100 operations, not fifty.
        Assert.InRange(Batches() - before, 2, 3);
        foreach (var change in changes)
        {
            var stored = await Store.GetAsync(dealer, change.Document!.DocumentType, change.Document.TrackingId, default);
            Assert.Equal(change.Document.DocumentNumber, stored!.DocumentNumber);
            Assert.Equal(stored.ETag, change.Document.ETag);
            Assert.NotNull(change.NewWork[0].ETag);
            Assert.Equal(change.Document.TrackingId, (await Store.GetKeyAsync(dealer, KeyOf(change.Document), default))!.TrackingId);
        }
    }

    [Fact]
    public async Task CommitAll_OneKeyTakenAlready_ThatOneKeyConflict_EveryOtherCommittedOnce()
    {
        var dealer = Records.Dealer();
        var changes = Enumerable.Range(0, 30).Select(_ => WithKey(Records.Document(dealer))).ToList();
        var taken = Copy(changes[17].Document!);
        Assert.Equal(CommitResult.Committed, await Store.CommitAsync(WithKey(taken), default));

        var results = await Bulk.CommitAllAsync(changes, default);

        Assert.Equal(CommitResult.KeyConflict, results[17]);
        Assert.Null(await Store.GetAsync(dealer, "warranty-claim", changes[17].Document!.TrackingId, default));
        Assert.Equal(taken.TrackingId, (await Store.GetKeyAsync(dealer, KeyOf(taken), default))!.TrackingId);
        foreach (var i in Enumerable.Range(0, 30).Where(i => i != 17))
        {
            Assert.Equal(CommitResult.Committed, results[i]);
            Assert.NotNull(await Store.GetAsync(dealer, "warranty-claim", changes[i].Document!.TrackingId, default));
        }

        // The same change sets again (a slice run again after a crash): every one conflicts on its key, none is stored twice.
        var again = changes.Select(c => WithKey(Copy(c.Document!))).ToList();
        Assert.All(await Bulk.CommitAllAsync(again, default), r => Assert.Equal(CommitResult.KeyConflict, r));
        Assert.All(again, c => Assert.Null(Store.GetAsync(dealer, "warranty-claim", c.Document!.TrackingId, default).Result));
    }

    [Fact]
    public async Task CommitAll_LargeDocuments_SplitUnderTheTransactionSizeLimit_AllStored()
    {
        var dealer = Records.Dealer();
        // Random text does not compress: eight documents of ~600 KB cannot share one 4 MiB transaction.
        var changes = Enumerable.Range(0, 8)
            .Select(_ => WithKey(Records.Document(dealer, body: new JsonObject { ["text"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(450_000)) })))
            .ToList();

        var results = await Bulk.CommitAllAsync(changes, default);

        Assert.All(results, r => Assert.Equal(CommitResult.Committed, r));
        foreach (var change in changes)
        {
            var stored = await Store.GetAsync(dealer, "warranty-claim", change.Document!.TrackingId, default);
            Assert.Equal(change.Document.Body["text"]!.GetValue<string>(), stored!.Body["text"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task CommitAll_WorkJournaled_OneJournalRowPerTransaction_MembersCarryItsIdAndETag_NoRowEach()
    {
        var dealer = Records.Dealer();
        var now = DateTimeOffset.UtcNow;
        // Two items each, leased at birth as the local loop claims them (what InlineWork journals).
        var changes = LeasedAtBirth(dealer, now, 40, withEffect: true);

        var results = await Bulk.CommitAllAsync(changes, item => item.LeasedUntil is not null, default);

        Assert.All(results, r => Assert.Equal(CommitResult.Committed, r));
        var pending = await PendingAsync(dealer);
        Assert.All(pending, p => Assert.Equal(WorkKinds.Journal, p.Kind));
        Assert.InRange(pending.Count, 2, 6);
        var members = pending.SelectMany(WorkJournal.Members).ToList();
        Assert.Equal(changes.SelectMany(c => c.NewWork).Select(w => w.Id).Order(), members.Select(m => m.Id).Order());
        Assert.All(members, m => Assert.Equal((1, (string?)null), (m.Attempt, m.ETag)));
        foreach (var work in changes.SelectMany(c => c.NewWork))
        {
            var journal = pending.Single(p => p.Id == work.Journal);
            Assert.Equal(journal.ETag, work.ETag);
        }
    }

    [Fact]
    public async Task JournaledWork_CompletedLeavesNothing_RescheduledGetsARowOfItsOwn()
    {
        var dealer = Records.Dealer();
        var now = DateTimeOffset.UtcNow;
        var changes = LeasedAtBirth(dealer, now, 3, withEffect: false);
        await Bulk.CommitAllAsync(changes, _ => true, default);
        var (done, retried) = (changes[0].NewWork[0], changes[1].NewWork[0]);

        Assert.Equal(CommitResult.Committed, await Store.CommitAsync(new ChangeSet(dealer) { CompleteWork = new WorkLease(done, now.AddMinutes(1), done.ETag!) }, default));
        var retry = new ChangeSet(dealer) { RescheduleWork = (new WorkLease(retried, now.AddMinutes(1), retried.ETag!), now.AddSeconds(30), "503") };
        Assert.Equal(CommitResult.Committed, await Store.CommitAsync(retry, default));

        var pending = await PendingAsync(dealer);
        var own = Assert.Single(pending, p => p.Kind != WorkKinds.Journal);
        Assert.Equal((retried.Id, 1, "503", (DateTimeOffset?)null, (string?)null), (own.Id, own.Attempt, own.LastError, own.LeasedUntil, own.Journal));
        Assert.Equal(retry.Rescheduled!.ETag, own.ETag);
        Assert.Single(pending, p => p.Kind == WorkKinds.Journal);
    }

    [Fact]
    public async Task CommitAll_TwoDealers_Refused()
    {
        var changes = new[] { WithKey(Records.Document(Records.Dealer())), WithKey(Records.Document(Records.Dealer())) };

        await Assert.ThrowsAsync<ArgumentException>(() => Bulk.CommitAllAsync(changes, default));
    }

    private async Task<List<WorkItem>> PendingAsync(string dealer)
    {
        var found = new List<WorkItem>();
        await foreach (var item in fixture.Get<IWorkStore>().ScanPendingAsync(default))
        {
            if (item.DealerCode == dealer)
            {
                found.Add(item);
            }
        }

        return found;
    }

    private long Batches() => fixture.Get<StorageTraffic>().Snapshot().GetValueOrDefault("table-batch");

    private static string KeyOf(Hub.Workflow.DocumentRecord document) => IdempotencyEntry.ForDocumentNumber(document.DocumentType, document.DocumentNumber);

    // New documents whose work is leased at birth, as the local loop claims it (what InlineWork journals).
    private static List<ChangeSet> LeasedAtBirth(string dealer, DateTimeOffset now, int count, bool withEffect) =>
        Enumerable.Range(0, count).Select(_ =>
        {
            var changes = WithKey(Records.Document(dealer));
            changes.NewWork[0] = changes.NewWork[0] with { Attempt = 1, LeasedUntil = now.AddMinutes(1) };
            if (withEffect)
            {
                changes.NewWork.Add(Records.Work(dealer, changes.Document) with { Kind = WorkKinds.Effect, Attempt = 1, LeasedUntil = now.AddMinutes(1) });
            }

            return changes;
        }).ToList();

    private static ChangeSet WithKey(Hub.Workflow.DocumentRecord document)
    {
        var changes = Records.Create(document, Records.Work(document.DealerCode, document));
        changes.Keys.Add(new IdempotencyEntry(document.DealerCode, KeyOf(document), "h-" + document.TrackingId, document.TrackingId, 202, null, DateTimeOffset.UtcNow));
        return changes;
    }

    /// <summary>Another document (its own tracking ID) with the same dealer and number.</summary>
    private static Hub.Workflow.DocumentRecord Copy(Hub.Workflow.DocumentRecord document)
    {
        var other = Records.Document(document.DealerCode);
        return new Hub.Workflow.DocumentRecord
        {
            TrackingId = other.TrackingId,
            DocumentType = other.DocumentType,
            DealerCode = other.DealerCode,
            DocumentNumber = document.DocumentNumber,
            Status = other.Status,
            SubmittedAt = other.SubmittedAt,
            UpdatedAt = other.UpdatedAt,
            Body = other.Body,
        };
    }
}
