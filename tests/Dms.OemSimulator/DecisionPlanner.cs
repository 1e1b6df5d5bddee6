using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Dms.OemSimulator;

/// <summary>Decides a claim the way a warranty desk would, deterministically per tracking ID.</summary>
internal static class DecisionPlanner
{
    public static JsonObject Accept(string oemClaimNumber) => new() { ["type"] = "Accepted", ["oemClaimNumber"] = oemClaimNumber };

    public static JsonObject Decide(string trackingId, JsonObject claim)
    {
        var total = claim["claimedTotal"]?["amount"]?.GetValue<long>() ?? 0;
        var currency = claim["claimedTotal"]?["currency"]?.GetValue<string>() ?? "USD";
        var roll = RandomNumber(trackingId) % 100;
        return roll switch
        {
            < 50 => new JsonObject { ["type"] = "Approved", ["approvedAmount"] = Money(total, currency), ["notes"] = "Approved as claimed." },
            < 70 => new JsonObject
            {
                ["type"] = "PartiallyApproved",
                ["approvedAmount"] = Money(total * 8 / 10, currency),
                ["lines"] = new JsonArray(new JsonObject
                {
                    ["lineType"] = "labor", ["index"] = 0, ["decision"] = "Adjusted", ["reasonCode"] = "EXCESSIVE_LABOR_HOURS",
                    ["note"] = "Paid at standard time.",
                }),
                ["partsToReturn"] = CausalPartToReturn(claim),
            },
            < 85 => new JsonObject { ["type"] = "Denied", ["reasonCodes"] = new JsonArray("UNAUTHORIZED_REPAIR"), ["notes"] = "Repair not covered by the failure mode reported." },
            _ => new JsonObject { ["type"] = "PendingInformation", ["requestedInformation"] = "Send a photo of the failed part and the diagnostic trouble codes." },
        };
    }

    public static JsonObject ApproveUnwind() => new() { ["type"] = "UnwindApproved", ["notes"] = "Approved by regional sales." };

    private static JsonObject Money(long amount, string currency) => new() { ["amount"] = amount, ["currency"] = currency };

    private static JsonArray CausalPartToReturn(JsonObject claim)
    {
        var causal = (claim["partLines"] as JsonArray)?.FirstOrDefault(p => p?["causal"]?.GetValue<bool>() == true);
        return causal is null ? [] : new JsonArray(new JsonObject { ["partNumber"] = causal["partNumber"]!.GetValue<string>(), ["quantity"] = 1 });
    }

    private static int RandomNumber(string seed) => BitConverter.ToUInt16(SHA256.HashData(Encoding.UTF8.GetBytes(seed)), 0);
}
