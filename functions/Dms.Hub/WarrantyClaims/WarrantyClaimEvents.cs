using System.Text.Json.Nodes;
using Dms.Hub.Registry;
using Dms.Hub.Validation;
using Dms.Hub.Workflow;

namespace Dms.Hub.WarrantyClaims;

/// <summary>What each OEM warranty event must carry, and what it records on the claim.</summary>
internal static class WarrantyClaimEvents
{
    public static OemEventPlan Plan(DocumentRecord document, JsonObject oemEvent)
    {
        var type = oemEvent["type"]!.GetValue<string>();
        var errors = new List<ValidationError>();
        Require(oemEvent, errors, type switch
        {
            "Approved" or "PartiallyApproved" => "approvedAmount",
            "Denied" => oemEvent["lines"] is null ? "reasonCodes" : null,
            "PendingInformation" => "requestedInformation",
            "Paid" => "creditMemo",
            "ChargedBack" => "chargeback",
            _ => null,
        });
        CheckLineIndexes(document, oemEvent, errors);
        return new OemEventPlan(type, errors, claim => Record(claim, type, oemEvent));
    }

    private static void Require(JsonObject oemEvent, List<ValidationError> errors, string? field)
    {
        if (field is not null && oemEvent[field] is null)
        {
            errors.Add(new("/" + field, ErrorCodes.MissingEventData, $"A {oemEvent["type"]} event must carry '{field}'."));
        }
    }

    private static void CheckLineIndexes(DocumentRecord document, JsonObject oemEvent, List<ValidationError> errors)
    {
        if (oemEvent["lines"] is not JsonArray lines)
        {
            return;
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["labor"] = (document.Body["laborLines"] as JsonArray)?.Count ?? 0,
            ["part"] = (document.Body["partLines"] as JsonArray)?.Count ?? 0,
            ["other"] = (document.Body["otherCosts"] as JsonArray)?.Count ?? 0,
        };
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i]!;
            if (line["index"]!.GetValue<int>() >= counts[line["lineType"]!.GetValue<string>()])
            {
                errors.Add(new(JsonPointer.Append("/lines", i) + "/index", ErrorCodes.InvalidValue, "The claim has no such line."));
            }
        }
    }

    private static void Record(DocumentRecord claim, string type, JsonObject oemEvent)
    {
        if (oemEvent["oemClaimNumber"]?.GetValue<string>() is { } number)
        {
            claim.OemReference = number;
        }

        switch (type)
        {
            case "Approved" or "PartiallyApproved" or "Denied":
                claim.Oem["decision"] = Pick(oemEvent, "type", "approvedAmount", "lines", "reasonCodes", "partsToReturn", "notes");
                break;
            case "PendingInformation":
                claim.Oem["requestedInformation"] = oemEvent["requestedInformation"]!.DeepClone();
                break;
            case "Paid":
                claim.Oem["payment"] = oemEvent["creditMemo"]!.DeepClone();
                break;
            case "ChargedBack":
                claim.Oem["chargeback"] = oemEvent["chargeback"]!.DeepClone();
                break;
        }
    }

    private static JsonObject Pick(JsonObject source, params string[] fields)
    {
        var result = new JsonObject();
        foreach (var field in fields)
        {
            if (source[field] is { } value)
            {
                result[field] = value.DeepClone();
            }
        }

        return result;
    }
}
