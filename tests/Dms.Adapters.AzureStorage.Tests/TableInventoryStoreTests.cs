using System.Text.Json.Nodes;
using Dms.Hub.PartsOrders;
using Dms.Hub.PartsOrders.Inventory;
using Dms.Hub.PartsOrders.Suggestions;

namespace Dms.Adapters.AzureStorage.Tests;

/// <summary>
/// Stock positions in Table Storage: the head moves only from the version read, a snapshot ID is taken once, a large
/// position spans several rows and reads back whole, the previous position is removed, suggestions and marks round-trip.
/// </summary>
public sealed class TableInventoryStoreTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);

    private IPartsInventoryStore Store => fixture.Get<IPartsInventoryStore>();

    [Fact]
    public async Task Commit_FromTheHeadRead_RacingCommitLoses_SnapshotIdTakenOnce()
    {
        var dealer = TestDocuments.NewDealerCode();
        Assert.True(await Store.TryCommitAsync(dealer, null, Head("S1", 1), Record("S1", 1), Position(3), default));
        var head = (await Store.GetHeadAsync(dealer, default))!;

        var first = await Store.TryCommitAsync(dealer, head, Head("S2", 2), Record("S2", 2) with { StockedParts = 4 }, Position(4), default);
        var stale = await Store.TryCommitAsync(dealer, head, Head("S3", 2), Record("S3", 2), Position(5), default);
        var fresh = (await Store.GetHeadAsync(dealer, default))!;
        var reused = await Store.TryCommitAsync(dealer, fresh, Head("S1", 3), Record("S1", 3), Position(6), default);
        var none = await Store.TryCommitAsync(dealer, null, Head("S4", 1), Record("S4", 1), Position(1), default);

        Assert.Equal((true, false, false, false), (first, stale, reused, none));
        Assert.Equal(("S2", 2L, 4), (fresh.SnapshotId, fresh.Sequence, (await Store.ReadPositionAsync(dealer, fresh, default)).Parts.Count));
        Assert.Equal(("S2", 4), ((await Store.GetSnapshotAsync(dealer, "S2", default))!.SnapshotId, (await Store.GetSnapshotAsync(dealer, "S2", default))!.StockedParts));
        Assert.Null(await Store.GetSnapshotAsync(dealer, "S3", default));
    }

    [Fact]
    public async Task LargePosition_SpansRows_ReadsBackWhole_TheEarlierOneIsRemoved()
    {
        var dealer = TestDocuments.NewDealerCode();
        var big = Position(60_000, history: true);
        await Store.TryCommitAsync(dealer, null, Head("B1", 1), Record("B1", 1), big, default);
        var first = (await Store.GetHeadAsync(dealer, default))!;

        var read = await Store.ReadPositionAsync(dealer, first, default);
        var rows = await PositionRowsAsync(dealer);
        await Store.TryCommitAsync(dealer, first, Head("B2", 2), Record("B2", 2), Position(2), default);

        Assert.Equal(60_000, read.Parts.Count);
        Assert.True(rows > 1, $"{rows} row(s)");
        Assert.Equal(1, await PositionRowsAsync(dealer));
        Assert.Equal(big.Parts["P-59999"], read.Parts["P-59999"] with { DailyDemand = big.Parts["P-59999"].DailyDemand });
        Assert.Equal(big.Parts["P-12345"].DailyDemand!.Sales, read.Parts["P-12345"].DailyDemand!.Sales);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.ReadPositionAsync(dealer, first, default));
    }

    [Fact]
    public async Task Suggestions_Marks_AndTheDealersWithStock()
    {
        var dealer = TestDocuments.NewDealerCode();
        await Store.TryCommitAsync(dealer, null, Head("M1", 1), Record("M1", 1), Position(1), default);
        var suggestion = new Suggestion
        {
            SuggestionId = "01KB0000000000000000000000", DealerCode = dealer, CreatedAt = Now, ValidUntil = Now.AddDays(1), SnapshotId = "M1", AsOf = Now,
            Parameters = new SuggestionParameters(180, 2, 7, 1.65), Evaluated = 1, Lines = [], SkippedCount = 0, Skipped = [],
            Drafts = [new JsonObject { ["dealerOrderNumber"] = "SUG-1" }],
        };

        await Store.SaveSuggestionAsync(suggestion, default);
        var read = await Store.GetSuggestionAsync(dealer, suggestion.SuggestionId, default);
        var marked = await Store.TryMarkAsync(dealer, "nightly|2026-11-30", default);
        var again = await Store.TryMarkAsync(dealer, "nightly|2026-11-30", default);
        var dealers = new List<string>();
        await foreach (var code in Store.ListDealersAsync(default))
        {
            dealers.Add(code);
        }

        Assert.Equal(("SUG-1", 1.65), (read!.Drafts[0]["dealerOrderNumber"]!.GetValue<string>(), read.Parameters.ServiceFactor));
        Assert.Null(await Store.GetSuggestionAsync(dealer, "01KB0000000000000000000001", default));
        Assert.Equal((true, false, true, false), (marked, again, await Store.IsMarkedAsync(dealer, "nightly|2026-11-30", default), await Store.IsMarkedAsync(dealer, "nightly|2026-12-01", default)));
        Assert.Contains(dealer, dealers);
    }

    private async Task<int> PositionRowsAsync(string dealer)
    {
        var rows = 0;
        var filter = Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {dealer} and RowKey ge {"pos|"} and RowKey lt {"pos|~"}");
        await foreach (var _ in fixture.Get<Internal.TableSet>().Inventory.QueryAsync<Azure.Data.Tables.TableEntity>(filter, select: ["RowKey"]))
        {
            rows++;
        }

        return rows;
    }

    private static InventoryHead Head(string id, long sequence) => new(id, sequence, "Full", Now, 0, Now, null);

    private static SnapshotRecord Record(string id, long sequence) => new(id, "hash-" + id, sequence, "Full", null, Now, 0, 0, Now);

    private static StockPosition Position(int parts, bool history = false)
    {
        var stock = new Dictionary<string, StockPart>(StringComparer.Ordinal);
        for (var i = 0; i < parts; i++)
        {
            stock[$"P-{i}"] = new StockPart
            {
                PartNumber = $"P-{i}", OnHand = i % 17, Reserved = i % 3, OnOrder = i % 5, TwelveMonthSales = i % 400, Bin = $"B-{i % 90:D2}",
                DailyDemand = history && i % 10 == 5 ? new DailyDemand(new DateOnly(2026, 6, 3), [.. Enumerable.Range(0, 180).Select(d => (d * i) % 4)]) : null,
            };
        }

        return new StockPosition(Now, stock);
    }
}
