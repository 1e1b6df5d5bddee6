using Dms.Hub.Dealers;
using Dms.Hub.PartsOrders.Inventory;

namespace Dms.Functions.Startup;

/// <summary>
/// The demo stock of dealer D001 (a full snapshot, the same all day): fast movers with daily history, slow movers with
/// twelve-month totals, a superseded oil filter still on the shelf, a discontinued radiator, a part well stocked and
/// one below its safety stock — so a suggested stock order has something to say about each case.
/// </summary>
internal static class PartsDemoData
{
    public const string Dealer = "D001";

    public static InventorySnapshot Snapshot(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var asOf = new DateTimeOffset(today.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero);
        return new InventorySnapshot
        {
            SnapshotId = $"DEMO-{Dealer}-{today:yyyyMMdd}",
            Kind = InventorySnapshot.Full,
            AsOf = asOf,
            Parts =
            [
                Daily("15400-AUR-001", onHand: 6, onOrder: 0, today, mean: 1.6, seed: 1) with { Bin = "A-01-02" },
                Daily("15400-AUR-000", onHand: 3, onOrder: 0, today, mean: 0.2, seed: 2) with { Bin = "A-01-01" },
                Daily("45022-AUR-010", onHand: 2, onOrder: 0, today, mean: 0.7, seed: 3) with { Reserved = 1, Bin = "B-03-01" },
                Daily("98079-AUR-200", onHand: 30, onOrder: 8, today, mean: 1.1, seed: 4) with { Bin = "A-04-03" },
                Daily("76622-AUR-100", onHand: 4, onOrder: 0, today, mean: 0.5, seed: 5, vorEvery: 30) with { Bin = "C-01-05" },
                Daily("08880-AUR-5W30", onHand: 40, onOrder: 12, today, mean: 6.5, seed: 6) with { Bin = "D-00-01" },
                new StockPart { PartNumber = "80292-AUR-040", OnHand = 1, TwelveMonthSales = 96, TwelveMonthLostSales = 6, Bin = "A-02-04" },
                new StockPart { PartNumber = "17220-AUR-030", OnHand = 9, TwelveMonthSales = 60, Bin = "A-02-01" },
                new StockPart { PartNumber = "43512-AUR-020", OnHand = 2, TwelveMonthSales = 30, TwelveMonthVorSales = 8, DealerMin = 2, Bin = "B-04-02" },
                new StockPart { PartNumber = "31500-AUR-050", OnHand = 1, TwelveMonthSales = 14, Backordered = 1, Bin = "E-01-01" },
                new StockPart { PartNumber = "90119-AUR-100", OnHand = 12, AverageWeeklyUsage = 9, Bin = "F-02-01" },
                new StockPart { PartNumber = "27060-AUR-140", OnHand = 0, TwelveMonthSales = 5, Bin = "E-02-03" },
                new StockPart { PartNumber = "16400-AUR-130", OnHand = 1, TwelveMonthSales = 2, Bin = "E-03-01" },
                new StockPart { PartNumber = "33100-AUR-060", OnHand = 1, TwelveMonthSales = 0, Bin = "G-01-01" },
            ],
        };
    }

    /// <summary>A part with 180 days of daily sales around <paramref name="mean"/> (and a VOR sale every <paramref name="vorEvery"/> days).</summary>
    private static StockPart Daily(string part, int onHand, int onOrder, DateOnly today, double mean, int seed, int vorEvery = 0)
    {
        var random = new Random(seed);
        var sales = new int[180];
        var vor = new int[180];
        var lost = new int[180];
        for (var i = 0; i < sales.Length; i++)
        {
            sales[i] = Poisson(random, mean);
            lost[i] = random.Next(40) == 0 ? 1 : 0;
            if (vorEvery > 0 && i % vorEvery == 0)
            {
                vor[i] = 2;
                sales[i] += 2;
            }
        }

        return new StockPart
        {
            PartNumber = part, OnHand = onHand, OnOrder = onOrder, TwelveMonthSales = (int)Math.Round(mean * 365),
            DailyDemand = new DailyDemand(today.AddDays(-179), sales, lost, vorEvery > 0 ? vor : null),
        };
    }

    private static int Poisson(Random random, double mean)
    {
        var (limit, product, count) = (Math.Exp(-mean), random.NextDouble(), 0);
        while (product > limit)
        {
            product *= random.NextDouble();
            count++;
        }

        return count;
    }

    public static async Task SeedAsync(PartsInventory inventory, DealerDirectory dealers, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await dealers.GetDealerAsync(Dealer, cancellationToken) is { } dealer)
        {
            await inventory.SubmitAsync(dealer, Snapshot(now), cancellationToken);
        }
    }
}
