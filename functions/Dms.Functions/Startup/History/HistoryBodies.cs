using System.Globalization;
using System.Text.Json.Nodes;

namespace Dms.Functions.Startup.History;

/// <summary>Plausible, schema-valid bodies for generated documents (numbers, VINs and dates made unique and consistent).</summary>
internal static class HistoryBodies
{
    private static readonly string[] FirstNames = ["Li", "Wang", "Anna", "Marco", "Sofia", "Kenji", "Aisha", "Lucas", "Mia", "Omar", "Elena", "Chen"];
    private static readonly string[] LastNames = ["Wei", "Fang", "Schmidt", "Rossi", "Garcia", "Tanaka", "Khan", "Silva", "Novak", "Haddad", "Ivanova", "Jun"];
    private static readonly string[] Operations = ["EN1001", "EN1002", "BR0100"];
    private static readonly string[] Models = ["AUR-SUV", "AUR-EV", "BOR-SED"];

    public static string Vin(int index) => Dms.Hub.Common.Vin.WithCheckDigit($"LDMHS3H00SB{index % 1_000_000:D6}");

    public static JsonObject RetailDelivery(string number, string vin, DateTimeOffset submitted, Random random)
    {
        var delivered = DateOnly.FromDateTime(submitted.UtcDateTime).AddDays(-random.Next(0, 3));
        return new JsonObject
        {
            ["reportNumber"] = number,
            ["vin"] = vin,
            ["saleDate"] = Date(delivered.AddDays(-random.Next(1, 6))),
            ["deliveryDate"] = Date(delivered),
            ["deliveryOdometer"] = new JsonObject { ["value"] = random.Next(3, 40), ["unit"] = "km" },
            ["saleType"] = Pick(random, "Retail", "Retail", "Retail", "Lease", "Fleet", "Demo"),
            ["vehicle"] = new JsonObject { ["modelCode"] = Pick(random, Models), ["modelYear"] = 2026 },
            ["buyer"] = new JsonObject
            {
                ["type"] = "Person",
                ["name"] = $"{Pick(random, FirstNames)} {Pick(random, LastNames)}",
                ["email"] = $"buyer{random.Next(1000, 9999)}@example.com",
                ["phone"] = $"+86 138 {random.Next(1000, 9999)} {random.Next(1000, 9999)}",
            },
            ["financeType"] = Pick(random, "Cash", "Loan", "Lease"),
        };
    }

    public static JsonObject WarrantyClaim(string number, string vin, DateTimeOffset submitted, Random random)
    {
        var closed = DateOnly.FromDateTime(submitted.UtcDateTime).AddDays(-random.Next(0, 5));
        var hours = Math.Round(0.5 + (random.NextDouble() * 1.0), 1);
        var rate = 9500L;
        var part = 4000L + (random.Next(0, 40) * 500L);
        var labor = (long)Math.Round(hours * rate, MidpointRounding.AwayFromZero);
        return new JsonObject
        {
            ["dealerClaimNumber"] = number,
            ["claimType"] = Pick(random, "Warranty", "Warranty", "Warranty", "Goodwill", "Campaign"),
            ["vin"] = vin,
            ["repairOrder"] = new JsonObject
            {
                ["number"] = "RO-" + number, ["openedOn"] = Date(closed.AddDays(-1)), ["closedOn"] = Date(closed),
                ["mileageIn"] = new JsonObject { ["value"] = random.Next(500, 90_000), ["unit"] = "km" },
            },
            ["complaint"] = new JsonObject { ["code"] = "C" + random.Next(100, 140) },
            ["cause"] = new JsonObject { ["code"] = "K" + random.Next(200, 240) },
            ["correction"] = new JsonObject { ["code"] = "R" + random.Next(300, 340) },
            ["laborLines"] = new JsonArray(new JsonObject { ["operationCode"] = Pick(random, Operations), ["hours"] = hours, ["rate"] = Money(rate) }),
            ["partLines"] = new JsonArray(new JsonObject { ["partNumber"] = $"19{random.Next(100, 999)}-5A2-A01", ["quantity"] = 1, ["unitPrice"] = Money(part), ["causal"] = true }),
            ["claimedTotal"] = Money(labor + part),
        };
    }

    public static JsonObject VehicleOrder(string number, DateTimeOffset submitted, Random random)
    {
        var model = Pick(random, Models);
        var (trim, colour, options) = model switch
        {
            "AUR-SUV" => (Pick(random, "Base", "Sport", "Touring"), Pick(random, "WHT", "BLK", "RED", "BLU", "GRY"), new JsonArray("W19", "NAV")),
            "AUR-EV" => (Pick(random, "Standard", "LongRange"), Pick(random, "WHT", "BLU", "GRY"), new JsonArray("W19", "HP")),
            _ => (Pick(random, "LX", "EX"), Pick(random, "WHT", "BLK", "SLV"), new JsonArray("W17")),
        };
        var sold = random.Next(3) == 0;
        var order = new JsonObject
        {
            ["dealerOrderNumber"] = number,
            ["orderType"] = sold ? "Sold" : "Stock",
            ["modelCode"] = model,
            ["modelYear"] = 2026,
            ["trim"] = trim,
            ["exteriorColor"] = colour,
            ["interiorColor"] = "BLK",
            ["options"] = options,
            ["allocationPeriod"] = submitted.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        };
        if (sold)
        {
            order["customerReference"] = "CUST-" + random.Next(10_000, 99_999);
        }

        return order;
    }

    /// <summary>Parts of the demo part master, each with its pack size (quantities are multiples of it).</summary>
    private static readonly (string Part, int Pack)[] Parts =
        [("17220-AUR-030", 1), ("45022-AUR-010", 1), ("52610-AUR-070", 1), ("76622-AUR-100", 1), ("31500-AUR-050", 1), ("15400-AUR-001", 5), ("98079-AUR-200", 4), ("27060-AUR-141", 1)];

    public static JsonObject PartsOrder(string number, string vin, Random random)
    {
        var type = random.Next(10) switch { < 2 => "VOR", < 4 => "Emergency", _ => "Stock" };
        var lines = new JsonArray();
        foreach (var (part, index) in Parts.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).Select((p, i) => (p, i)))
        {
            lines.Add(new JsonObject { ["lineNumber"] = index + 1, ["partNumber"] = part.Part, ["quantity"] = part.Pack * random.Next(1, 4) });
        }

        var order = new JsonObject { ["dealerOrderNumber"] = number, ["orderType"] = type, ["lines"] = lines };
        if (type == "VOR")
        {
            order["vin"] = vin;
            order["repairOrderNumber"] = "RO-" + random.Next(1000, 9999);
            order["priority"] = 1;
        }

        return order;
    }

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static JsonObject Money(long amount) => new() { ["amount"] = amount, ["currency"] = "USD" };

    public static string Pick(Random random, params string[] values) => values[random.Next(values.Length)];
}
