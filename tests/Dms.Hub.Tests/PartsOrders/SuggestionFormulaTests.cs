using Dms.Hub.PartsOrders;
using Dms.Hub.PartsOrders.Inventory;
using Dms.Hub.PartsOrders.Suggestions;

namespace Dms.Hub.Tests.PartsOrders;

/// <summary>
/// DOMAIN.md §3's formula against hand-worked examples. Parameters: window W = 10 days, lead time 2 days, review
/// period R = 4 days, Z = 1.65, so L = 2 + 4/2 = 4 days and √L = 2. Safety stock = Z·s·√L, reorder point (ROP) =
/// d·L + safety stock, order-up-to (OUT) = ROP + d·R; order OUT − position, rounded up to packs, when position ≤ ROP.
/// </summary>
public sealed class SuggestionFormulaTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 30);
    private static readonly SuggestionParameters P = new(10, 2, 4, 1.65);

    [Fact]
    public void SteadyDemand_TwoADay_Rop8_Out16_Position5_Orders11()
    {
        var line = Calculate(Part(), Daily(onHand: 5, sales: Repeat(2)));

        Assert.Equal((2.0, 0.0, 4.0, 0.0, 8.0, 16.0), (line.Demand.Mean, line.Demand.Deviation, line.EffectiveLeadTimeDays, line.SafetyStock, line.ReorderPoint, line.OrderUpTo));
        Assert.Equal((5, 11.0, 11), (line.Position.Total, line.RawQuantity, line.Quantity));
    }

    [Fact]
    public void PackSizeRounding_11Needed_PacksOf5_Orders15()
    {
        var line = Calculate(Part(pack: 5), Daily(onHand: 5, sales: Repeat(2)));

        Assert.Equal((11.0, 15), (line.RawQuantity, line.Quantity));
        Assert.Contains("rounded up to 3 packs of 5 = 15", line.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void OneSpike_Twenty_OnTheLastDay_D2_S6_Safety19point8_Orders36()
    {
        var line = Calculate(Part(), Daily(onHand: 0, sales: [0, 0, 0, 0, 0, 0, 0, 0, 0, 20]));

        // d = 20/10 = 2; s² = 400/10 − 2² = 36; safety = 1.65·6·2 = 19.8; ROP = 2·4 + 19.8 = 27.8; OUT = 27.8 + 2·4 = 35.8.
        Assert.Equal((2.0, 6.0, 19.8, 27.8, 35.8, 36), (line.Demand.Mean, line.Demand.Deviation, line.SafetyStock, line.ReorderPoint, line.OrderUpTo, line.Quantity));
    }

    [Fact]
    public void OneSpike_FromAVorRepair_Excluded_NoDemand_NothingToOrder()
    {
        var line = Calculate(Part(), Daily(onHand: 0, sales: [0, 0, 0, 0, 0, 0, 0, 0, 0, 20], vor: [0, 0, 0, 0, 0, 0, 0, 0, 0, 20]));

        Assert.Equal((0.0, 0.0, 0.0, 0.0, 0), (line.Demand.Mean, line.SafetyStock, line.ReorderPoint, line.OrderUpTo, line.Quantity));
    }

    [Fact]
    public void LostSalesCountAsDemand_ReservedAndCustomerBackordersReduceThePosition()
    {
        var part = Daily(onHand: 3, sales: Repeat(1), lost: [1, 1, 1, 1, 1, 0, 0, 0, 0, 0]) with { Reserved = 1, OnOrder = 2, Backordered = 1 };

        var line = Calculate(Part(pack: 4), part);

        // Daily demand 2,2,2,2,2,1,1,1,1,1: d = 1.5, s² = 2.5 − 2.25 = 0.25; safety = 1.65·0.5·2 = 1.65; ROP = 6 + 1.65 = 7.65;
        // OUT = 7.65 + 6 = 13.65; position = 3 − 1 + 2 − 1 = 3; 10.65 → 3 packs of 4 = 12.
        Assert.Equal((1.5, 0.5, 1.65, 7.65, 13.65), (line.Demand.Mean, line.Demand.Deviation, line.SafetyStock, line.ReorderPoint, line.OrderUpTo));
        Assert.Equal((3, 10.65, 12), (line.Position.Total, line.RawQuantity, line.Quantity));
    }

    [Theory]
    [InlineData(20, 0)]
    [InlineData(10, 0)]
    [InlineData(8, 8)]
    public void PositionAboveTheReorderPoint_NothingToOrder_AtIt_UpToTheOrderUpToLevel(int onHand, int expected)
    {
        var line = Calculate(Part(), Daily(onHand: onHand, sales: Repeat(2)));

        Assert.Equal(expected, line.Quantity);
        if (expected == 0)
        {
            Assert.Contains("above the reorder point 8", line.Explanation, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NoDemandAtAll_NothingToOrder_UnlessTheDealersMinimumAsksForStock()
    {
        var none = Calculate(Part(pack: 5), new StockPart { PartNumber = "P-1", OnHand = 1 });
        var minimum = Calculate(Part(pack: 5), new StockPart { PartNumber = "P-1", OnHand = 1, DealerMin = 3 });

        Assert.Equal(("none", 0.0, 0), (none.Demand.Source, none.ReorderPoint, none.Quantity));
        Assert.Equal((3.0, 3.0, 2.0, 5), (minimum.ReorderPoint, minimum.OrderUpTo, minimum.RawQuantity, minimum.Quantity));
    }

    [Fact]
    public void DealersMaximum_CapsTheOrderUpToLevel()
    {
        var line = Calculate(Part(), Daily(onHand: 5, sales: Repeat(2)) with { DealerMax = 10 });

        Assert.Equal((8.0, 10.0, 5), (line.ReorderPoint, line.OrderUpTo, line.Quantity));
    }

    [Fact]
    public void TwelveMonthTotals_PoissonDeviation_VorSalesExcluded()
    {
        var plain = Calculate(Part(), new StockPart { PartNumber = "P-1", OnHand = 0, TwelveMonthSales = 365 });
        var vor = Calculate(Part(), new StockPart { PartNumber = "P-1", OnHand = 0, TwelveMonthSales = 365, TwelveMonthVorSales = 73 });
        var weekly = Calculate(Part(), new StockPart { PartNumber = "P-1", OnHand = 0, AverageWeeklyUsage = 7 });

        // d = 1, s = √1: safety 3.3, ROP 7.3, OUT 11.3 → 12. Without VOR: d = 292/365 = 0.8, s = √0.8: ROP 6.152, OUT 9.352 → 10.
        Assert.Equal(("twelve-month", 1.0, 1.0, 3.3, 7.3, 11.3, 12), (plain.Demand.Source, plain.Demand.Mean, plain.Demand.Deviation, plain.SafetyStock, plain.ReorderPoint, plain.OrderUpTo, plain.Quantity));
        Assert.Equal((0.8, 0.894, 6.152, 9.352, 10), (vor.Demand.Mean, vor.Demand.Deviation, vor.ReorderPoint, vor.OrderUpTo, vor.Quantity));
        Assert.Equal(("weekly-usage", 12), (weekly.Demand.Source, weekly.Quantity));
    }

    [Fact]
    public void Window_OnlyTheLastWDaysBeforeTheSnapshotCount()
    {
        var old = Enumerable.Repeat(9, 20).Concat(Repeat(2)).ToArray();
        var part = new StockPart { PartNumber = "P-1", OnHand = 5, DailyDemand = new DailyDemand(AsOf.AddDays(-29), old) };

        var line = Calculate(Part(), part);

        Assert.Equal((2.0, 10, 11), (line.Demand.Mean, line.Demand.Days, line.Quantity));
    }

    [Fact]
    public void Suggester_SupersededStockCountsForItsSuccessor_DiscontinuedAndUnknownLeftOut()
    {
        var parts = PartMaster.Of(
        [
            new PartMasterEntry { PartNumber = "A", SupersededBy = "B" },
            new PartMasterEntry { PartNumber = "B" },
            new PartMasterEntry { PartNumber = "OLD", Discontinued = true },
        ]);
        var position = new StockPosition(new DateTimeOffset(AsOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new Dictionary<string, StockPart>
        {
            ["A"] = new() { PartNumber = "A", OnHand = 2, TwelveMonthSales = 365 },
            ["B"] = new() { PartNumber = "B", OnHand = 1, TwelveMonthSales = 365 },
            ["OLD"] = new() { PartNumber = "OLD", OnHand = 4, TwelveMonthSales = 100 },
            ["GONE"] = new() { PartNumber = "GONE", OnHand = 1 },
        });

        var (lines, skipped) = new StockOrderSuggester(parts).Evaluate(position, P);

        // d = 1 + 1, s = √(1 + 1): safety = 1.65·1.414·2 = 4.667, ROP = 8 + 4.667 = 12.667, OUT = 20.667; position 3 → 17.667 → 18.
        var line = Assert.Single(lines);
        Assert.Equal(("B", 2.0, 1.414, 12.667, 20.667, 18), (line.PartNumber, line.Demand.Mean, line.Demand.Deviation, line.ReorderPoint, line.OrderUpTo, line.Quantity));
        Assert.Equal(["A"], line.Includes);
        Assert.Equal([("GONE", PartsErrorCodes.UnknownPart), ("OLD", PartsErrorCodes.PartDiscontinued)], skipped.Select(s => (s.PartNumber, s.Reason)));
    }

    [Fact]
    public void Suggest_DraftsSplitAtTheLineLimit_SourceSuggested()
    {
        var parts = PartMaster.Of([.. Enumerable.Range(1, 5).Select(i => new PartMasterEntry { PartNumber = $"P-{i}" })]);
        var stock = Enumerable.Range(1, 5).ToDictionary(i => $"P-{i}", i => new StockPart { PartNumber = $"P-{i}", OnHand = 0, TwelveMonthSales = 365 });
        var asOf = new DateTimeOffset(AsOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var head = new InventoryHead("S1", 1, "Full", asOf, 5, asOf, null);

        var suggestion = new StockOrderSuggester(parts).Suggest("D001", head, new StockPosition(asOf, stock), P, new SuggestionDraft("SUG-1"), asOf, TimeSpan.FromHours(1), maxLines: 2);

        Assert.Equal(["SUG-1", "SUG-1-2", "SUG-1-3"], suggestion.Drafts.Select(d => d["dealerOrderNumber"]!.GetValue<string>()));
        Assert.All(suggestion.Drafts, d => Assert.Equal(("suggested", suggestion.SuggestionId), (d["source"]!.GetValue<string>(), d["suggestionId"]!.GetValue<string>())));
        Assert.Equal(5, suggestion.Lines.Count);
    }

    private static SuggestedLine Calculate(PartMasterEntry part, StockPart stock) => SuggestionCalculator.Calculate(part, [stock], AsOf, P);

    private static PartMasterEntry Part(int pack = 1) => new() { PartNumber = "P-1", PackSize = pack };

    private static StockPart Daily(int onHand, int[] sales, int[]? lost = null, int[]? vor = null) =>
        new() { PartNumber = "P-1", OnHand = onHand, DailyDemand = new DailyDemand(AsOf.AddDays(-9), sales, lost, vor) };

    private static int[] Repeat(int value) => Enumerable.Repeat(value, 10).ToArray();
}
