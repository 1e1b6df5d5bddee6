using System.Text.Json.Nodes;
using Dms.Hub.Common;

namespace Dms.Testing;

/// <summary>Valid periodic report versions (their VINs with correct check digits).</summary>
public static class TestReports
{
    public static JsonObject DailySales(string day, int version = 1, int units = 3) => new()
    {
        ["period"] = day,
        ["version"] = version,
        ["lines"] = new JsonArray(
            new JsonObject { ["modelCode"] = "AUR-SUV", ["saleType"] = "Retail", ["units"] = units },
            new JsonObject { ["modelCode"] = "BOR-SED", ["saleType"] = "Lease", ["units"] = 1 }),
    };

    public static JsonObject Stock(string month, int version = 1, int vehicles = 2, int? declared = null)
    {
        var lines = new JsonArray();
        for (var i = 0; i < vehicles; i++)
        {
            lines.Add(new JsonObject { ["vin"] = TestDocuments.NewVin(), ["modelCode"] = "AUR-SUV", ["daysInStock"] = 10 + i, ["status"] = "InStock" });
        }

        var report = new JsonObject
        {
            ["period"] = month, ["version"] = version, ["partsStockValue"] = new JsonObject { ["amount"] = 1_250_000, ["currency"] = "CNY" }, ["lines"] = lines,
        };
        if (declared is not null)
        {
            report["declaredLines"] = declared;
        }

        return report;
    }

    public static JsonObject Financial(string month, int version = 1) => new()
    {
        ["period"] = month,
        ["version"] = version,
        ["lines"] = new JsonArray(
            new JsonObject { ["accountCode"] = "4000", ["description"] = "New vehicle sales", ["amount"] = 125_000_000, ["currency"] = "CNY" },
            new JsonObject { ["accountCode"] = "6100", ["description"] = "Floor plan interest", ["amount"] = -420_000, ["currency"] = "CNY" }),
    };

    public static JsonObject Zero(string period, int version = 1) => new() { ["period"] = period, ["version"] = version, ["zeroReport"] = true, ["lines"] = new JsonArray() };

    public static string ValidVin(string seventeen) => Vin.WithCheckDigit(seventeen);
}
