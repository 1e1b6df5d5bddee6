using Dms.Adapters.AzureStorage.Internal;
using Dms.Adapters.AzureStorage.Internal.Insights;
using Dms.Hub.Insights;

namespace Dms.Adapters.AzureStorage.Tests;

/// <summary>
/// The search index written by two processes (a projector whose lease lapsed, and the one that took over): each plans
/// on the buckets as it last read or wrote them, so the other's writes make its copy stale — the conditional writes
/// catch that, and every reference ends up in the index, none lost, removals included.
/// </summary>
public sealed class TableSearchIndexTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task TwoWriters_SharedAndNewKeys_EveryReferenceKept_RemovalsApplied()
    {
        var ct = TestContext.Current.CancellationToken;
        var tables = fixture.Get<TableSet>();
        var (first, second) = (new TableSearchIndex(tables), new TableSearchIndex(tables));
        var shared = "vin:" + Guid.NewGuid().ToString("N");
        var keys = Enumerable.Range(0, 40).Select(i => $"num:{Guid.NewGuid():N}").ToList();

        // Both write the shared key; each then changes it on a copy the other made stale.
        await first.ApplyAsync([Add(shared, "D1-A"), .. keys.Take(20).Select(k => Add(k, "D1-A"))], ct);
        await second.ApplyAsync([Add(shared, "D1-B"), .. keys.Skip(20).Select(k => Add(k, "D1-B"))], ct);
        await first.ApplyAsync([Add(shared, "D1-C"), Remove(keys[0], "D1-A")], ct);
        await second.ApplyAsync([Remove(shared, "D1-B"), Add(keys[0], "D1-B")], ct);

        Assert.Equal(["D1-A", "D1-C"], (await first.FindAsync(shared, ct)).Select(r => r.TrackingId).Order(StringComparer.Ordinal));
        Assert.Equal(["D1-B"], (await second.FindAsync(keys[0], ct)).Select(r => r.TrackingId));
        foreach (var key in keys.Skip(1))
        {
            Assert.Single(await first.FindAsync(key, ct));
        }
    }

    [Fact]
    public async Task AKeyWithMoreDocumentsThanARowHolds_ContinuesInPages_FoundWhole_AndApplyingTwiceChangesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var tables = fixture.Get<TableSet>();
        var hot = "correlation:" + Guid.NewGuid().ToString("N");
        var other = "number:" + Guid.NewGuid().ToString("N");
        var changes = Enumerable.Range(0, (TableSearchIndex.RefsPerRow * 2) + 50).Select(i => Add(hot, $"D1-{i:D5}")).Append(Add(other, "D2-X")).ToList();

        await new TableSearchIndex(tables).ApplyAsync(changes, ct);
        await new TableSearchIndex(tables).ApplyAsync(changes, ct);
        await new TableSearchIndex(tables).ApplyAsync([Remove(hot, "D1-00007"), Add(hot, "D1-00007") with { Ref = new IndexRef("D1-00007", "warranty-claim", "vin") }], ct);

        var found = await new TableSearchIndex(tables).FindAsync(hot, ct);
        Assert.Equal(changes.Count - 1, found.Count);
        Assert.Equal(changes.Count - 1, found.Select(r => r.TrackingId).Distinct().Count());
        Assert.Equal("vin", Assert.Single(found, r => r.TrackingId == "D1-00007").Kind);
        Assert.Equal("D2-X", Assert.Single(await new TableSearchIndex(tables).FindAsync(other, ct)).TrackingId);
    }

    /// <summary>
    /// Every row of a batch file carries the batch's correlation ID, and the projector adds a few documents a cycle,
    /// each time merging without reading: the head row must still stop at a row's worth (Azure refuses a row past 252
    /// properties; Azurite took 100,000 and copied them all on every merge) and the key continue in pages.
    /// </summary>
    [Fact]
    public async Task AKeySharedByManyDocuments_AddedAFewACycle_NoRowHoldsMoreThanARow_AllFound()
    {
        var ct = TestContext.Current.CancellationToken;
        var tables = fixture.Get<TableSet>();
        var index = new TableSearchIndex(tables);
        var hot = "correlation:" + Guid.NewGuid().ToString("N");
        const int PerCycle = 25;
        var documents = TableSearchIndex.RefsPerRow * 3;
        for (var first = 0; first < documents; first += PerCycle)
        {
            await index.ApplyAsync([.. Enumerable.Range(first, PerCycle).Select(i => Add(hot, $"D1-{i:D5}"))], ct);
        }

        var (partition, row) = TableSearchIndex.BucketOf(hot);
        var rows = new List<Azure.Data.Tables.TableEntity>();
        await foreach (var entity in tables.SearchKeys.QueryAsync<Azure.Data.Tables.TableEntity>(
            Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {row} and RowKey lt {row + "/"}"), cancellationToken: ct))
        {
            rows.Add(entity);
        }

        Assert.True(rows.Count >= 3, $"{rows.Count} rows");
        Assert.All(rows, r => Assert.InRange(PostingRow.RefCount(r), 0, TableSearchIndex.RefsPerRow));
        Assert.Equal(documents, (await new TableSearchIndex(tables).FindAsync(hot, ct)).Select(r => r.TrackingId).Distinct().Count());
    }

    /// <summary>
    /// A file's correlation key gains a few references a cycle for the whole file: the index plans on its head and
    /// last page, never on the whole bucket, so what this process keeps stays within two rows however long the file
    /// (it kept every reference: the hub's memory grew with the file). A reference added again from a page no longer
    /// kept is found once; taken off, it is gone from every copy.
    /// </summary>
    [Fact]
    public async Task AKeySharedByAWholeFile_KeptAsHeadAndLastPage_NothingLost_AddedAgainThenRemovedGone()
    {
        var ct = TestContext.Current.CancellationToken;
        var tables = fixture.Get<TableSet>();
        var index = new TableSearchIndex(tables);
        var hot = "correlation:" + Guid.NewGuid().ToString("N");
        const int PerCycle = 25;
        var documents = TableSearchIndex.RefsPerRow * 6;
        var mostKept = 0;
        for (var first = 0; first < documents; first += PerCycle)
        {
            await index.ApplyAsync([.. Enumerable.Range(first, PerCycle).Select(i => Add(hot, $"D1-{i:D5}"))], ct);
            mostKept = Math.Max(mostKept, index.CachedRefs);
        }

        // Two rows' references, plus each row's keys, Timestamp, ETag and the head's page count.
        Assert.InRange(mostKept, TableSearchIndex.RefsPerRow, 2 * (TableSearchIndex.RefsPerRow + 5));

        // D1-00250 sits in the first page, which is not kept: added again, it is written a second time in the last.
        var again = $"D1-{TableSearchIndex.RefsPerRow + 50:D5}";
        await index.ApplyAsync([Add(hot, again)], ct);
        var found = await new TableSearchIndex(tables).FindAsync(hot, ct);
        Assert.Equal(documents, found.Count);
        Assert.Equal(documents, found.Select(r => r.TrackingId).Distinct().Count());

        await index.ApplyAsync([Remove(hot, again)], ct);
        found = await new TableSearchIndex(tables).FindAsync(hot, ct);
        Assert.Equal(documents - 1, found.Count);
        Assert.DoesNotContain(found, r => r.TrackingId == again);
    }

    private static IndexChange Add(string key, string trackingId) => new(key, new IndexRef(trackingId, "warranty-claim", "number"), Remove: false);

    private static IndexChange Remove(string key, string trackingId) => new(key, new IndexRef(trackingId, "warranty-claim", "number"), Remove: true);
}
