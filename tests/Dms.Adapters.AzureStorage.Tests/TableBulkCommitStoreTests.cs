using System.Text.Json.Nodes;
using Dms.Hub.Operations;
using Dms.Hub.Storage;

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
    public async Task CommitAll_TwoDealers_Refused()
    {
        var changes = new[] { WithKey(Records.Document(Records.Dealer())), WithKey(Records.Document(Records.Dealer())) };

        await Assert.ThrowsAsync<ArgumentException>(() => Bulk.CommitAllAsync(changes, default));
    }

    private long Batches() => fixture.Get<StorageTraffic>().Snapshot().GetValueOrDefault("table-batch");

    private static string KeyOf(Hub.Workflow.DocumentRecord document) => IdempotencyEntry.ForDocumentNumber(document.DocumentType, document.DocumentNumber);

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
