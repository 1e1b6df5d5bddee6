using Azure.Data.Tables;
using Dms.Adapters.AzureStorage.Internal;
using Dms.Hub.Sales;
using Dms.Hub.Storage;

namespace Dms.Adapters.AzureStorage.Tests;

/// <summary>
/// Rows updated in place (a merge under the ETag) instead of replaced — cheaper on Azurite — only where the merge leaves
/// what a replace would: a document's row (<see cref="StoredColumns"/>) and the sales rollups' rows.
/// </summary>
public sealed class InPlaceUpdateTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private IDocumentStore Store => fixture.Get<IDocumentStore>();

    [Fact]
    public async Task DocumentRead_ChangedWithTheSameColumns_Merged_AndAfterItsOwnCommitToo()
    {
        var document = Records.Document(Records.Dealer());
        document.Fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["vin"] = "V1", ["model"] = "M1" };
        await Store.CommitAsync(Records.Create(document), default);
        var read = (await Store.GetAsync(document.DealerCode, document.DocumentType, document.TrackingId, default))!;

        read.Status = "Accepted";
        var first = Kind(read);
        Assert.Equal(CommitResult.Committed, await Store.CommitAsync(new ChangeSet(read.DealerCode) { Document = read }, default));
        read.Status = "Approved";
        read.Fields["model"] = "M2";
        var second = Kind(read);
        Assert.Equal(CommitResult.Committed, await Store.CommitAsync(new ChangeSet(read.DealerCode) { Document = read }, default));

        Assert.Equal((TableTransactionActionType.UpdateMerge, TableTransactionActionType.UpdateMerge), (first, second));
        var row = await RowAsync(document);
        Assert.Equal(("Approved", "M2", "V1"), (row.GetString("Status"), row.GetString("F_model"), row.GetString("F_vin")));
    }

    [Fact]
    public async Task DocumentFieldGone_Replaced_ColumnNoLongerStored_ListFilterNoLongerMatches()
    {
        var document = Records.Document(Records.Dealer());
        document.Fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["vin"] = "V1", ["model"] = "M1" };
        await Store.CommitAsync(Records.Create(document), default);
        var read = (await Store.GetAsync(document.DealerCode, document.DocumentType, document.TrackingId, default))!;

        read.Fields.Remove("model");
        var kind = Kind(read);
        Assert.Equal(CommitResult.Committed, await Store.CommitAsync(new ChangeSet(read.DealerCode) { Document = read }, default));

        Assert.Equal(TableTransactionActionType.UpdateReplace, kind);
        var row = await RowAsync(document);
        Assert.False(row.ContainsKey("F_model"), "a merge would have left the old summary column behind");
        var listed = await Store.ListAsync(new DocumentQuery(document.DealerCode, document.DocumentType, null, null, null, 10, null, [new FieldFilter("model", FieldComparison.Equal, "M1")]), default);
        Assert.Empty(listed.Items);
    }

    [Fact]
    public async Task DocumentCopyWithTheSameETag_Merged_RowChangedElsewhere_Replaced()
    {
        var document = Records.Document(Records.Dealer());
        await Store.CommitAsync(Records.Create(document), default);
        var read = (await Store.GetAsync(document.DealerCode, document.DocumentType, document.TrackingId, default))!;
        // The hub plans on copies (DocumentCache deserializes one per use): the ETag names the stored version.
        var copy = System.Text.Json.JsonSerializer.Deserialize<Dms.Hub.Workflow.DocumentRecord>(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(read, Dms.Hub.Common.HubJson.Options), Dms.Hub.Common.HubJson.Options)!;
        var ofCopy = Kind(copy);

        // Another writer (another instance) changed the row: its columns under the new ETag are not known here.
        var tables = fixture.Get<TableSet>();
        var changed = await tables.DocumentsOf(document.DealerCode).UpdateEntityAsync(
            new TableEntity(tables.ShardOf(document.DealerCode), RowKeys.Document(document.DealerCode, document.DocumentType, document.TrackingId)) { ["Elsewhere"] = "x" },
            new Azure.ETag(read.ETag!), TableUpdateMode.Merge);
        read.ETag = changed.Headers.ETag.ToString();
        var elsewhere = Kind(read);

        Assert.Equal((TableTransactionActionType.UpdateMerge, TableTransactionActionType.UpdateReplace), (ofCopy, elsewhere));
        Assert.Equal(CommitResult.Committed, await Store.CommitAsync(new ChangeSet(read.DealerCode) { Document = read }, default));
        Assert.False((await RowAsync(document)).ContainsKey("Elsewhere"), "replaced: a merge would have kept the other writer's column");
    }

    [Fact]
    public async Task SalesRollupRow_CellsShrinkToFewerChunks_ReadBackAsWritten()
    {
        var store = fixture.Get<ISalesRollupStore>();
        var key = "m|sale|2026-11|" + Guid.NewGuid().ToString("N");
        // Enough cells for three 64,000-byte chunks, then one cell: the merge leaves chunks 1 and 2 behind, unread.
        var many = Enumerable.Range(0, 6000).ToDictionary(i => $"cell-{i:D5}-{new string('x', 8)}", i => new long[] { i, 1, 2, 3 }, StringComparer.Ordinal);
        var etags = (await store.CommitAsync(0, [], [new SalesRollupRow(key, many, null)], default))!.ETags;
        var written = await store.GetRowAsync(0, key, default);
        Assert.Equal(many.Count, written.Cells.Count);

        var one = new Dictionary<string, long[]>(StringComparer.Ordinal) { ["only"] = [1, 2, 3, 4] };
        Assert.NotNull(await store.CommitAsync(0, [], [new SalesRollupRow(key, one, etags[key])], default));
        var stale = await store.CommitAsync(0, [], [new SalesRollupRow(key, many, etags[key])], default);

        var read = await store.GetRowAsync(0, key, default);
        Assert.Equal("only", Assert.Single(read.Cells).Key);
        Assert.Equal([1, 2, 3, 4], read.Cells["only"]);
        Assert.Null(stale);
    }

    private TableTransactionActionType Kind(Dms.Hub.Workflow.DocumentRecord document) =>
        ChangeBatch.From(new ChangeSet(document.DealerCode) { Document = document }, fixture.Get<TableSet>().ShardOf(document.DealerCode), DateTimeOffset.UtcNow)
            .Actions.First().ActionType;

    private async Task<TableEntity> RowAsync(Dms.Hub.Workflow.DocumentRecord document)
    {
        var tables = fixture.Get<TableSet>();
        return (await tables.DocumentsOf(document.DealerCode).GetEntityAsync<TableEntity>(tables.ShardOf(document.DealerCode), RowKeys.Document(document.DealerCode, document.DocumentType, document.TrackingId))).Value;
    }
}
