using System.Globalization;
using System.Text.Json.Nodes;
using Dms.Hub.Workflow;

namespace Dms.Functions.Startup.History;

/// <summary>What the OEM answers over a generated document's life: (delay after the previous step, event), in OEM event form.</summary>
internal static class HistoryScripts
{
    private static readonly string[] DenialReasons = ["EXPIRED_WARRANTY", "DUPLICATE_CLAIM", "EXCESSIVE_LABOR_HOURS", "SUBMITTED_TOO_LATE", "UNAUTHORIZED_REPAIR", "MAIN_PART_MISSING"];
    private static readonly string[] HoldClasses = ["PlantQuality", "Finance", "Material", "Carrier", "Damage", "Dealer"];
    private static readonly string[] HoldCodes = ["HQ", "HF", "HM", "HC", "HD", "HL"];

    public static List<(TimeSpan, JsonObject)> Warranty(DocumentRecord claim, DateTimeOffset submitted, Random random)
    {
        var claimed = claim.Body["claimedTotal"]!["amount"]!.GetValue<long>();
        if (random.Next(100) < 4)
        {
            return []; // the OEM never answers: awaiting it, then overdue
        }

        var steps = new List<(TimeSpan, JsonObject)> { (Hours(random, 1, 6), new JsonObject { ["type"] = "Accepted", ["oemClaimNumber"] = "OEM-WC-" + random.Next(100_000, 999_999) }) };
        var decision = random.Next(100) switch
        {
            < 55 => new JsonObject { ["type"] = "Approved", ["approvedAmount"] = HistoryBodies.Money(claimed) },
            < 75 => new JsonObject
            {
                ["type"] = "PartiallyApproved", ["approvedAmount"] = HistoryBodies.Money(claimed * 8 / 10),
                ["lines"] = new JsonArray(new JsonObject { ["lineType"] = "labor", ["index"] = 0, ["decision"] = "Adjusted", ["reasonCode"] = "EXCESSIVE_LABOR_HOURS" }),
            },
            < 90 => new JsonObject { ["type"] = "Denied", ["reasonCodes"] = new JsonArray(DenialReasons[random.Next(DenialReasons.Length)]) },
            _ => new JsonObject { ["type"] = "PendingInformation", ["requestedInformation"] = "Photo of the failed part" },
        };
        steps.Add((Hours(random, 20, 120), decision));
        if (decision["approvedAmount"] is { } approved)
        {
            var paid = submitted + TimeSpan.FromDays(random.Next(6, 16));
            steps.Add((Hours(random, 72, 240), new JsonObject
            {
                ["type"] = "Paid",
                ["creditMemo"] = new JsonObject { ["number"] = "CM-" + random.Next(10_000, 99_999), ["amount"] = approved.DeepClone(), ["paidOn"] = paid.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
            }));
        }

        return steps;
    }

    public static List<(TimeSpan, JsonObject)> Order(DocumentRecord order, DateTimeOffset submitted, Random random)
    {
        var oemNumber = "GM-" + random.Next(1000, 9999) + "-" + random.Next(1000, 9999);
        if (random.Next(100) < 3)
        {
            return [];
        }

        var steps = new List<(TimeSpan, JsonObject)> { (TimeSpan.FromMinutes(random.Next(5, 40)), new JsonObject { ["type"] = "Acknowledged", ["oemOrderNumber"] = oemNumber }) };
        if (random.Next(100) < 4)
        {
            steps.Add((Hours(random, 6, 30), new JsonObject
            {
                ["type"] = "Rejected", ["oemOrderNumber"] = oemNumber,
                ["editErrors"] = new JsonArray(new JsonObject { ["code"] = "E310", ["field"] = "allocationPeriod", ["message"] = "Period closed for this model." }),
            }));
            return steps;
        }

        var promised = DateOnly.FromDateTime(submitted.UtcDateTime).AddDays(random.Next(24, 32));
        var slip = random.Next(10) < 6 ? 0 : random.Next(1, 16);
        steps.Add((Hours(random, 6, 30), new JsonObject { ["type"] = "Accepted", ["oemOrderNumber"] = oemNumber }));
        steps.Add((Hours(random, 24, 72), new JsonObject
        {
            ["type"] = "Scheduled", ["buildWeek"] = $"{submitted.UtcDateTime.Year}-W{ISOWeek.GetWeekOfYear(submitted.UtcDateTime.AddDays(10)):D2}", ["plant"] = "Lansing",
            ["eta"] = Eta(promised, "Plant", submitted.AddDays(2)),
        }));
        steps.Add((Hours(random, 20, 40), new JsonObject { ["type"] = "Locked" }));
        if (random.Next(100) < 15)
        {
            var hold = random.Next(HoldClasses.Length);
            steps.Add((Hours(random, 10, 60), new JsonObject { ["type"] = "HoldSet", ["hold"] = new JsonObject { ["reasonClass"] = HoldClasses[hold], ["reasonCode"] = HoldCodes[hold] } }));
            if (random.Next(10) < 6)
            {
                steps.Add((Hours(random, 24, 140), new JsonObject { ["type"] = "HoldReleased" }));
            }
            else
            {
                return steps; // still on hold
            }
        }

        steps.Add((Hours(random, 72, 150), new JsonObject { ["type"] = "InProduction" }));
        steps.Add((Hours(random, 40, 90), new JsonObject { ["type"] = "Produced", ["vin"] = HistoryBodies.Vin(500_000 + random.Next(0, 499_999)), ["plant"] = "Lansing" }));
        steps.Add((Hours(random, 12, 36), new JsonObject { ["type"] = "Invoiced", ["invoice"] = new JsonObject { ["number"] = "INV-" + random.Next(100_000, 999_999), ["date"] = null } }));
        steps.Add((Hours(random, 12, 48), new JsonObject { ["type"] = "InTransit", ["carrier"] = "Cassens Transport", ["eta"] = Eta(promised.AddDays(slip), "Carrier", null) }));
        steps.Add((Hours(random, 48, 160), new JsonObject { ["type"] = "AtDealer", ["deliveredOn"] = null }));
        return steps;
    }

    public static List<(TimeSpan, JsonObject)> Parts(DocumentRecord order, DateTimeOffset submitted, Random random)
    {
        var vor = order.Body["orderType"]?.GetValue<string>() == "VOR";
        if (random.Next(100) < 4)
        {
            return []; // the depot never answers: acknowledgement overdue
        }

        var ackAfter = vor ? TimeSpan.FromMinutes(random.Next(10, 360)) : Hours(random, 2, 30);
        var promised = DateOnly.FromDateTime((submitted + ackAfter).UtcDateTime).AddDays(random.Next(0, 3));
        var lines = order.Body["lines"]!.AsArray().Select(l => (Number: l!["lineNumber"]!.GetValue<int>(), Quantity: l["quantity"]!.GetValue<int>())).ToList();
        var backorder = random.Next(100) < 15 && lines[0].Quantity > 1;
        var acknowledgement = new JsonArray(lines.Select(l => (JsonNode)new JsonObject
        {
            ["lineNumber"] = l.Number,
            ["allocations"] = backorder && l.Number == lines[0].Number
                ? new JsonArray(new JsonObject { ["status"] = "PartialBackordered", ["quantity"] = l.Quantity - 1, ["depot"] = "PDC-EAST", ["promisedShipDate"] = Day(promised), ["expectedShipDate"] = Day(promised.AddDays(12)) })
                : new JsonArray(new JsonObject { ["status"] = "Accepted", ["quantity"] = l.Quantity, ["depot"] = "PDC-EAST", ["promisedShipDate"] = Day(promised) }),
        }).ToArray());
        var shipped = new JsonArray(lines.Select(l => (JsonNode)new JsonObject { ["lineNumber"] = l.Number, ["quantity"] = backorder && l.Number == lines[0].Number ? l.Quantity - 1 : l.Quantity }).ToArray());
        var shipAfter = promised.ToDateTime(TimeOnly.FromTimeSpan(TimeSpan.FromHours(random.Next(14, 20))), DateTimeKind.Utc) - (submitted + ackAfter).UtcDateTime;
        return
        [
            (ackAfter, new JsonObject { ["type"] = "Acknowledged", ["oemOrderNumber"] = "PDC-" + random.Next(100_000, 999_999), ["acknowledgement"] = new JsonObject { ["acknowledgementId"] = "A" + random.Next(100_000, 999_999), ["lines"] = acknowledgement } }),
            (shipAfter > TimeSpan.Zero ? shipAfter : TimeSpan.FromHours(1), new JsonObject
            {
                ["type"] = "ShipNotice",
                ["shipNotice"] = new JsonObject { ["shipmentId"] = "PDC-EAST-SH-" + random.Next(10_000, 99_999), ["carrier"] = "DHL", ["shipDate"] = Day(promised), ["depot"] = "PDC-EAST", ["lines"] = shipped },
            }),
        ];
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static JsonObject Eta(DateOnly latest, string source, DateTimeOffset? setAt)
    {
        var eta = new JsonObject { ["earliest"] = latest.AddDays(-5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["latest"] = latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["source"] = source };
        if (setAt is { } at)
        {
            eta["setAt"] = at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        }

        return eta;
    }

    private static TimeSpan Hours(Random random, int min, int max) => TimeSpan.FromMinutes(random.Next(min * 60, max * 60));
}
