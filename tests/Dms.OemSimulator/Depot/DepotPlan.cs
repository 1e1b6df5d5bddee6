using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Dms.OemSimulator.Depot;

/// <summary>One order line's answer: units accepted at the two depots, substituted, backordered and rejected.</summary>
internal sealed record LinePlan(int LineNumber, string PartNumber, int East, int West, int Substituted, int Backordered, int Rejected)
{
    public string Substitute => PartNumber + "-R";
}

/// <summary>
/// How the depot answers one order, deterministically per tracking ID: most lines accepted at the east depot, some
/// split with the west one, some partly or wholly backordered, some substituted, the odd one rejected. VOR orders are
/// filled in full. Half the acknowledgements speak X12 855 line codes, the others canonical statuses.
/// </summary>
internal static class DepotPlan
{
    public const string East = "PDC-EAST";
    public const string West = "PDC-WEST";

    public static List<LinePlan> Lines(JsonObject order, Random random)
    {
        var vor = order["orderType"]?.GetValue<string>() == "VOR";
        var backorders = order["backorderAllowed"]?.GetValue<bool>() != false;
        var substitutes = order["substitutionAllowed"]?.GetValue<bool>() != false;
        var plans = new List<LinePlan>();
        foreach (var line in order["lines"]!.AsArray())
        {
            var (number, part, q) = (line!["lineNumber"]!.GetValue<int>(), line["partNumber"]!.GetValue<string>(), line["quantity"]!.GetValue<int>());
            var roll = random.Next(100);
            plans.Add(roll switch
            {
                _ when vor => roll < 70 || q == 1 ? new LinePlan(number, part, q, 0, 0, 0, 0) : new LinePlan(number, part, q - (q / 2), q / 2, 0, 0, 0),
                < 50 => new LinePlan(number, part, q, 0, 0, 0, 0),
                < 62 when q > 1 => new LinePlan(number, part, q - (q / 2), q / 2, 0, 0, 0),
                < 76 when backorders && q > 1 => new LinePlan(number, part, q / 2, 0, 0, q - (q / 2), 0),
                < 84 when backorders => new LinePlan(number, part, 0, 0, 0, q, 0),
                < 92 when substitutes => new LinePlan(number, part, 0, 0, q, 0, 0),
                >= 95 => new LinePlan(number, part, 0, 0, 0, 0, q),
                _ => new LinePlan(number, part, q, 0, 0, 0, 0),
            });
        }

        return plans;
    }

    /// <summary>The acknowledgement: per line, allocations in canonical statuses or X12 855 codes.</summary>
    public static JsonObject Acknowledgement(string oemReference, IReadOnlyList<LinePlan> plans, DateOnly today, bool x12) => new()
    {
        ["type"] = "Acknowledged",
        ["oemCode"] = x12 ? new JsonObject { ["scheme"] = "X12-855", ["code"] = plans.Any(p => p.Rejected > 0 || p.Backordered > 0 || p.Substituted > 0) ? "AC" : "AD" } : null,
        ["oemOrderNumber"] = oemReference,
        ["acknowledgement"] = new JsonObject
        {
            ["acknowledgementId"] = oemReference + "-ACK",
            ["lines"] = new JsonArray([.. plans.Select(p => (JsonNode)new JsonObject { ["lineNumber"] = p.LineNumber, ["allocations"] = Allocations(p, today, x12) })]),
        },
    };

    private static JsonArray Allocations(LinePlan p, DateOnly today, bool x12)
    {
        var allocations = new JsonArray();
        void Add(string status, string code, int quantity, Action<JsonObject> more)
        {
            if (quantity > 0)
            {
                var a = x12 ? new JsonObject { ["oemCode"] = new JsonObject { ["scheme"] = "X12-855", ["code"] = code } } : new JsonObject { ["status"] = status };
                a["quantity"] = quantity;
                more(a);
                allocations.Add(a);
            }
        }

        if (p.East > 0 && p.Backordered > 0)
        {
            Add("PartialBackordered", "BP", p.East, a => (a["depot"], a["promisedShipDate"], a["expectedShipDate"]) = (East, Date(today.AddDays(1)), Date(today.AddDays(10))));
        }
        else
        {
            Add("Accepted", "IA", p.East, a => (a["depot"], a["promisedShipDate"]) = (East, Date(today.AddDays(1))));
            Add("Backordered", "IB", p.Backordered, a => a["expectedShipDate"] = Date(today.AddDays(10)));
        }

        Add("Accepted", "IA", p.West, a => (a["depot"], a["promisedShipDate"]) = (West, Date(today.AddDays(2))));
        Add("Substituted", "IS", p.Substituted, a => (a["depot"], a["promisedShipDate"], a["partNumber"]) = (East, Date(today.AddDays(1)), p.Substitute));
        Add("Rejected", "IR", p.Rejected, a => a["reasonCode"] = "NOT_SUPPLIED");
        return allocations;
    }

    /// <summary>A ship notice for the lines <paramref name="pick"/> gives a quantity (and part) for; null when none.</summary>
    public static JsonObject? ShipNotice(string shipmentId, string? depot, IEnumerable<LinePlan> plans, Func<LinePlan, (int Quantity, string? Part, bool TagOn)> pick, DateOnly today)
    {
        var lines = new JsonArray();
        foreach (var plan in plans)
        {
            var (quantity, part, tagOn) = pick(plan);
            if (quantity > 0)
            {
                lines.Add(new JsonObject { ["lineNumber"] = plan.LineNumber, ["partNumber"] = part, ["quantity"] = quantity, ["tagOn"] = tagOn ? true : null });
            }
        }

        return lines.Count == 0 ? null : new JsonObject
        {
            ["type"] = "ShipNotice",
            ["shipNotice"] = new JsonObject
            {
                ["shipmentId"] = shipmentId, ["carrier"] = "DHL", ["trackingNumber"] = "JD" + Seed(shipmentId).ToString("D10", System.Globalization.CultureInfo.InvariantCulture),
                ["shipDate"] = Date(today), ["eta"] = Date(today.AddDays(1)), ["depot"] = depot, ["lines"] = lines,
            },
        };
    }

    /// <summary>The event without its null members (the hub's schemas refuse explicit nulls).</summary>
    public static JsonObject Compact(JsonObject node)
    {
        foreach (var (name, value) in node.ToList())
        {
            switch (value)
            {
                case null:
                    node.Remove(name);
                    break;
                case JsonObject child:
                    Compact(child);
                    break;
                case JsonArray array:
                    foreach (var item in array.OfType<JsonObject>())
                    {
                        Compact(item);
                    }

                    break;
            }
        }

        return node;
    }

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static int Seed(string text) => BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0) & int.MaxValue;
}
