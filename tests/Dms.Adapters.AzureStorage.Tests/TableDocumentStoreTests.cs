using System.Text.Json.Nodes;
using Dms.Hub.Notifications;
using Dms.Hub.Storage;

namespace Dms.Adapters.AzureStorage.Tests;

public sealed class TableDocumentStoreTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private IDocumentStore Store => fixture.Get<IDocumentStore>();

    [Fact]
    public async Task Commit_NewDocument_ReadBackWithETag_StaleCopyConflicts()
    {
        var dealer = Records.Dealer();
        var document = Records.Document(dealer);
        Assert.Equal(CommitResult.Committed, await Store.CommitAsync(Records.Create(document), default));
        var fresh = (await Store.GetAsync(dealer, document.DocumentType, document.TrackingId, default))!;
        var stale = (await Store.GetAsync(dealer, document.DocumentType, document.TrackingId, default))!;

        fresh.Status = "Accepted";
        Assert.Equal(CommitResult.Committed, await Store.CommitAsync(new ChangeSet(dealer) { Document = fresh }, default));
        fresh.Status = "Approved";
        var chained = await Store.CommitAsync(new ChangeSet(dealer) { Document = fresh }, default);
        stale.Status = "Denied";
        var lost = await Store.CommitAsync(new ChangeSet(dealer) { Document = stale }, default);

        Assert.Equal(CommitResult.Committed, chained);
        Assert.Equal(CommitResult.DocumentConflict, lost);
        Assert.Equal("Approved", (await Store.GetAsync(dealer, document.DocumentType, document.TrackingId, default))!.Status);
    }

    [Fact]
    public async Task Commit_DocumentInsertTwice_DocumentConflict()
    {
        var document = Records.Document(Records.Dealer());
        await Store.CommitAsync(Records.Create(document), default);
        document.ETag = null;

        Assert.Equal(CommitResult.DocumentConflict, await Store.CommitAsync(Records.Create(document), default));
    }

    [Fact]
    public async Task Commit_ExistingKey_KeyConflictAndNothingElseWritten()
    {
        var dealer = Records.Dealer();
        var key = new IdempotencyEntry(dealer, "idem|dealer|k/1#?", "h1", "T-1", 202, null, DateTimeOffset.UtcNow);
        var first = Records.Create(Records.Document(dealer));
        first.Keys.Add(key);
        var second = Records.Create(Records.Document(dealer));
        second.Keys.Add(key with { RequestHash = "h2" });

        Assert.Equal(CommitResult.Committed, await Store.CommitAsync(first, default));
        Assert.Equal(CommitResult.KeyConflict, await Store.CommitAsync(second, default));
        Assert.Null(await Store.GetAsync(dealer, "warranty-claim", second.Document!.TrackingId, default));
        Assert.Equal("h1", (await Store.GetKeyAsync(dealer, "idem|dealer|k/1#?", default))!.RequestHash);
    }

    [Fact]
    public async Task Get_AnotherDealersTrackingId_Null()
    {
        var document = Records.Document(Records.Dealer());
        await Store.CommitAsync(Records.Create(document), default);

        Assert.Null(await Store.GetAsync(Records.Dealer(), document.DocumentType, document.TrackingId, default));
    }

    [Fact]
    public async Task Commit_BodyLargerThanOneProperty_ChunkedAndReadBack()
    {
        var body = new JsonObject { ["text"] = new string('é', 150_000) };
        var document = Records.Document(Records.Dealer(), body: body);

        await Store.CommitAsync(Records.Create(document), default);

        var read = await Store.GetAsync(document.DealerCode, document.DocumentType, document.TrackingId, default);
        Assert.Equal(150_000, read!.Body["text"]!.GetValue<string>().Length);
    }

    [Fact]
    public async Task List_SparseStatusMatches_AllFoundAcrossPagesInOrder()
    {
        var dealer = Records.Dealer();
        var wanted = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var document = Records.Document(dealer, i % 4 == 0 ? "Paid" : "Submitted");
            await Store.CommitAsync(Records.Create(document), default);
            if (document.Status == "Paid")
            {
                wanted.Add(document.TrackingId);
            }
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await Store.ListAsync(new DocumentQuery(dealer, "warranty-claim", "Paid", null, null, 2, token), default);
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(i => i.TrackingId));
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal(wanted, seen);
    }

    [Fact]
    public async Task List_ForeignContinuationToken_FormatException()
    {
        await Assert.ThrowsAsync<FormatException>(() => Store.ListAsync(new DocumentQuery(Records.Dealer(), "warranty-claim", null, null, null, 5, "bm90LW91cnM"), default));
    }

    [Fact]
    public async Task Mailbox_OldestFirst_AcknowledgeRemovesOnlyExisting()
    {
        var dealer = Records.Dealer();
        var document = Records.Document(dealer);
        var changes = Records.Create(document);
        var now = DateTimeOffset.UtcNow;
        var receipts = Enumerable.Range(0, 3).Select(i => Dms.Hub.Common.Ids.NewUlid(now.AddMilliseconds(i))).ToList();
        changes.Notifications.AddRange(receipts.Select(r => new Notification(r, dealer, document.TrackingId, document.DocumentType, document.DocumentNumber, "Accepted", "Submitted", "Accepted", now, null, null)));
        await Store.CommitAsync(changes, default);

        Assert.Equal(receipts, (await Store.PeekMailboxAsync(dealer, 10, default)).Select(n => n.ReceiptId));
        Assert.Equal(receipts[..2], (await Store.PeekMailboxAsync(dealer, 2, default)).Select(n => n.ReceiptId));
        var removed = await Store.AcknowledgeAsync(dealer, [receipts[0], receipts[0] + "X", Dms.Hub.Common.Ids.NewUlid(now)], default);

        Assert.Equal([receipts[0]], removed);
        Assert.Equal(receipts[1..], (await Store.PeekMailboxAsync(dealer, 10, default)).Select(n => n.ReceiptId));
    }
}
