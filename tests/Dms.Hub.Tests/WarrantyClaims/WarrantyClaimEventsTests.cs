using System.Text.Json.Nodes;
using Dms.Hub.Validation;
using Dms.Hub.WarrantyClaims;
using Dms.Hub.Workflow;

namespace Dms.Hub.Tests.WarrantyClaims;

public sealed class WarrantyClaimEventsTests
{
    [Theory]
    [InlineData("Approved", "/approvedAmount")]
    [InlineData("PartiallyApproved", "/approvedAmount")]
    [InlineData("Denied", "/reasonCodes")]
    [InlineData("PendingInformation", "/requestedInformation")]
    [InlineData("Paid", "/creditMemo")]
    [InlineData("ChargedBack", "/chargeback")]
    public void Plan_EventWithoutItsData_MissingEventData(string type, string path)
    {
        var plan = WarrantyClaimEvents.Plan(Claim(), new JsonObject { ["type"] = type });

        Assert.Contains(plan.Errors, e => e.Path == path && e.Code == ErrorCodes.MissingEventData);
    }

    [Fact]
    public void Plan_LineIndexBeyondTheClaim_InvalidValue()
    {
        var oemEvent = new JsonObject
        {
            ["type"] = "PartiallyApproved",
            ["approvedAmount"] = new JsonObject { ["amount"] = 1, ["currency"] = "USD" },
            ["lines"] = new JsonArray(new JsonObject { ["lineType"] = "part", ["index"] = 3, ["decision"] = "Rejected" }),
        };

        var plan = WarrantyClaimEvents.Plan(Claim(), oemEvent);

        Assert.Equal([("/lines/0/index", ErrorCodes.InvalidValue)], plan.Errors.Select(e => (e.Path, e.Code)));
    }

    [Fact]
    public void Plan_Approved_RecordsDecisionAndOemClaimNumber()
    {
        var claim = Claim();
        var plan = WarrantyClaimEvents.Plan(claim, new JsonObject
        {
            ["type"] = "Approved", ["oemClaimNumber"] = "OEM-9", ["approvedAmount"] = new JsonObject { ["amount"] = 26250, ["currency"] = "USD" },
        });

        plan.Apply!(claim);

        Assert.Empty(plan.Errors);
        Assert.Equal("Approved", plan.Trigger);
        Assert.Equal("OEM-9", claim.OemReference);
        Assert.Equal("26250", claim.Oem["decision"]!["approvedAmount"]!["amount"]!.ToJsonString());
    }

    private static DocumentRecord Claim() => new()
    {
        TrackingId = "D001-01K0000000000000000000000",
        DocumentType = WarrantyClaimType.TypeName,
        DealerCode = "D001",
        DocumentNumber = "WC-1",
        Status = WarrantyClaimStates.Accepted,
        Body = new JsonObject { ["laborLines"] = new JsonArray(new JsonObject()), ["partLines"] = new JsonArray(new JsonObject()) },
    };
}
