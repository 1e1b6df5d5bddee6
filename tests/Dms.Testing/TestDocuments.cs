using System.Globalization;
using System.Text.Json.Nodes;
using Dms.Hub.Common;

namespace Dms.Testing;

/// <summary>Valid documents with fresh numbers and VINs, dated relative to today so rules pass.</summary>
public static class TestDocuments
{
    private static int _counter = Random.Shared.Next(1000);

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static int Next() => Interlocked.Increment(ref _counter);

    public static string NewDealerCode() => "T" + Random.Shared.Next(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture) + Next().ToString("D4", CultureInfo.InvariantCulture)[^3..];

    /// <summary>A fresh VIN with a correct check digit.</summary>
    public static string NewVin() =>
        Vin.WithCheckDigit($"1DMAB{Random.Shared.Next(1000):D3}0RA{Next() % 1_000_000:D6}");

    public static JsonObject Rdr(string vin, DateOnly? delivered = null, string? number = null, int odometerKm = 10)
    {
        var day = delivered ?? Today.AddDays(-1);
        return new JsonObject
        {
            ["reportNumber"] = number ?? "RDR-" + Next(),
            ["vin"] = vin,
            ["saleDate"] = Date(day.AddDays(-1)),
            ["deliveryDate"] = Date(day),
            ["deliveryOdometer"] = new JsonObject { ["value"] = odometerKm, ["unit"] = "km" },
            ["saleType"] = "Retail",
            ["vehicle"] = new JsonObject { ["modelCode"] = "AUR-SUV", ["modelYear"] = 2026 },
            ["buyer"] = new JsonObject { ["type"] = "Person", ["name"] = "Test Buyer" },
        };
    }

    /// <summary>A claim for one EN1001 repair (1.5 h at 95.00 USD + one causal part at 120.00) on <paramref name="repairedOn"/>.</summary>
    public static JsonObject Claim(string vin, DateOnly? repairedOn = null, string? number = null, int mileageKm = 5000)
    {
        var day = repairedOn ?? Today;
        return new JsonObject
        {
            ["dealerClaimNumber"] = number ?? "WC-" + Next(),
            ["claimType"] = "Warranty",
            ["vin"] = vin,
            ["repairOrder"] = new JsonObject
            {
                ["number"] = "RO-" + Next(), ["openedOn"] = Date(day), ["closedOn"] = Date(day),
                ["mileageIn"] = new JsonObject { ["value"] = mileageKm, ["unit"] = "km" },
            },
            ["complaint"] = new JsonObject { ["code"] = "C100", ["text"] = "Coolant leak" },
            ["cause"] = new JsonObject { ["code"] = "K210" },
            ["correction"] = new JsonObject { ["code"] = "R300" },
            ["laborLines"] = new JsonArray(new JsonObject { ["operationCode"] = "EN1001", ["hours"] = 1.5, ["rate"] = Usd(9500) }),
            ["partLines"] = new JsonArray(new JsonObject { ["partNumber"] = "19200-5A2-A01", ["quantity"] = 1, ["unitPrice"] = Usd(12000), ["causal"] = true }),
            ["claimedTotal"] = Usd(26250),
        };
    }

    /// <summary>
    /// A valid vehicle order of the demo order guide for an Aurora dealer (the test dealers' default brand): an AUR-SUV
    /// in stock, delivery in a month, drawing on this month's allocation (8 units per dealer). AUR-EV has 3.
    /// </summary>
    public static JsonObject Order(string? number = null, string model = "AUR-SUV", params string[] options)
    {
        var suv = model == "AUR-SUV";
        return new JsonObject
        {
            ["dealerOrderNumber"] = number ?? "VO-" + Next(),
            ["orderType"] = "Stock",
            ["priority"] = 40,
            ["modelCode"] = model,
            ["modelYear"] = 2026,
            ["trim"] = suv ? "Sport" : "LongRange",
            ["exteriorColor"] = suv ? "WHT" : "BLU",
            ["interiorColor"] = "BLK",
            ["options"] = new JsonArray([.. (options.Length > 0 ? options : suv ? ["W19", "PAN", "NAV"] : ["W19", "HP"]).Select(o => JsonValue.Create(o))]),
            ["requestedDelivery"] = new JsonObject { ["earliest"] = Date(Today.AddDays(30)), ["latest"] = Date(Today.AddDays(60)) },
            ["allocationPeriod"] = Today.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        };
    }

    public static JsonObject Usd(long amount) => new() { ["amount"] = amount, ["currency"] = "USD" };

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
