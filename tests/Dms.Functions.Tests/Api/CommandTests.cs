using System.Net;
using System.Text.Json.Nodes;

namespace Dms.Functions.Tests.Api;

/// <summary>Dealer commands: cancel, resubmit, appeal, unwind — their rules, their messages to the OEM.</summary>
public sealed class CommandTests(HubFixture fixture) : IClassFixture<HubFixture>
{
    private HubHost Hub => fixture.Hub;

    private static JsonObject Reason(string reason = "CUSTOMER_WITHDREW") => new() { ["reason"] = reason, ["comment"] = "test" };

    [Fact]
    public async Task Cancel_BeforeDecision_CancelledAndOemToldAfterTheSubmission()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var (trackingId, claim) = await dealer.SubmitValidClaimAsync();

        using var response = await dealer.Http.PostJsonAsync($"/api/v1/warranty-claims/{trackingId}/cancel", Reason());
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("Cancelled", body["status"]!.GetValue<string>());
        await dealer.WaitForAsync(trackingId, c => c["deliveries"]!.AsArray().Count == 2 && c["deliveries"]!.AsArray().All(d => d!["status"]!.GetValue<string>() == "Delivered"), "both messages delivered");
        var messages = fixture.Oem.RequestsFor(claim["dealerClaimNumber"]!.GetValue<string>()).Select(r => r.Body!["messageType"]!.GetValue<string>()).ToList();
        Assert.Equal(["WarrantyClaimSubmitted", "WarrantyClaimCancelled"], messages);
        Assert.Equal("CUSTOMER_WITHDREW", fixture.Oem.RequestsFor(claim["dealerClaimNumber"]!.GetValue<string>())[1].Body!["command"]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Resubmit_AfterPendingInformation_NewVersionDeliveredAgain()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var (trackingId, claim) = await dealer.SubmitValidClaimAsync();
        await dealer.OemEventAsync(trackingId, new JsonObject { ["type"] = "Accepted" });
        await dealer.OemEventAsync(trackingId, new JsonObject { ["type"] = "PendingInformation", ["requestedInformation"] = "Photo of the pump" });
        claim["complaint"]!["text"] = "Coolant leak — photo attached";

        using var response = await dealer.Http.PostJsonAsync($"/api/v1/warranty-claims/{trackingId}/resubmissions", claim);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var resubmitted = await dealer.WaitForAsync(trackingId, c => c["deliveries"]!.AsArray().Any(d => d!["messageType"]!.GetValue<string>() == "WarrantyClaimResubmitted" && d["status"]!.GetValue<string>() == "Delivered"), "resubmission delivered");
        Assert.Equal("Submitted", resubmitted["status"]!.GetValue<string>());
        Assert.Equal(2, resubmitted["contentVersion"]!.GetValue<int>());
        Assert.Equal("Coolant leak — photo attached", resubmitted["document"]!["complaint"]!["text"]!.GetValue<string>());
        var last = fixture.Oem.RequestsFor(claim["dealerClaimNumber"]!.GetValue<string>())[^1];
        Assert.Equal($"{trackingId}/WarrantyClaimResubmitted-2@oem", last.IdempotencyKey);
    }

    [Fact]
    public async Task Resubmit_WhileSubmitted_409_WithOtherNumber_422()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var (trackingId, claim) = await dealer.SubmitValidClaimAsync();

        using var early = await dealer.Http.PostJsonAsync($"/api/v1/warranty-claims/{trackingId}/resubmissions", claim);
        claim["dealerClaimNumber"] = "WC-OTHER";
        using var renumbered = await dealer.Http.PostJsonAsync($"/api/v1/warranty-claims/{trackingId}/resubmissions", claim);

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, renumbered.StatusCode);
        Assert.Equal("CLAIM_NUMBER_MISMATCH", (await renumbered.ReadJsonAsync())["errors"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Appeal_AfterDenial_AppealedAndOemTold()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var (trackingId, claim) = await dealer.SubmitValidClaimAsync();
        await dealer.OemEventAsync(trackingId, new JsonObject { ["type"] = "Accepted" });
        await dealer.OemEventAsync(trackingId, new JsonObject { ["type"] = "Denied", ["reasonCodes"] = new JsonArray("EXPIRED_WARRANTY") });
        Assert.Contains("appeals", (await dealer.ClaimAsync(trackingId))["links"]!.AsObject().Select(l => l.Key));

        using var response = await dealer.Http.PostJsonAsync($"/api/v1/warranty-claims/{trackingId}/appeals", Reason("DECISION_DISPUTED"));

        Assert.Equal("Appealed", (await response.ReadJsonAsync())["status"]!.GetValue<string>());
        await dealer.WaitForAsync(trackingId, c => c["deliveries"]!.AsArray().Any(d => d!["messageType"]!.GetValue<string>() == "WarrantyClaimAppealed" && d["status"]!.GetValue<string>() == "Delivered"), "appeal delivered");
        var (status, body) = await dealer.OemEventAsync(trackingId, new JsonObject { ["type"] = "Accepted" });
        Assert.Equal((HttpStatusCode.OK, "UnderReview"), (status, body["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Command_BadBody_422()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var (trackingId, _) = await dealer.SubmitValidClaimAsync();

        using var response = await dealer.Http.PostJsonAsync($"/api/v1/warranty-claims/{trackingId}/cancel", new JsonObject { ["why"] = "no reason" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task Unwind_WithinApprovalWindow_UnwoundAndVinFreed()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var vin = TestDocuments.NewVin();
        using var rdr = await dealer.Http.PostJsonAsync("/api/v1/retail-delivery-reports", TestDocuments.Rdr(vin, TestDocuments.Today.AddDays(-10)));
        var trackingId = (await rdr.ReadJsonAsync())["trackingId"]!.GetValue<string>();

        using var unwind = await dealer.Http.PostJsonAsync($"/api/v1/retail-delivery-reports/{trackingId}/unwind", Reason("FINANCING_DECLINED"));

        Assert.Equal("Unwound", (await unwind.ReadJsonAsync())["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await dealer.SubmitClaimAsync(TestDocuments.Claim(vin))).Status);
        using var other = await DealerSession.StartAsync(Hub);
        Assert.Equal(vin, await other.RetailAsync(vin));
        Assert.Equal(HttpStatusCode.Accepted, (await other.SubmitClaimAsync(TestDocuments.Claim(vin))).Status);
    }

    [Fact]
    public async Task Unwind_OnDeliveryDay_422SameDay()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        using var rdr = await dealer.Http.PostJsonAsync("/api/v1/retail-delivery-reports", TestDocuments.Rdr(TestDocuments.NewVin(), TestDocuments.Today));
        var trackingId = (await rdr.ReadJsonAsync())["trackingId"]!.GetValue<string>();

        using var unwind = await dealer.Http.PostJsonAsync($"/api/v1/retail-delivery-reports/{trackingId}/unwind", Reason("FINANCING_DECLINED"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, unwind.StatusCode);
        Assert.Equal("UNWIND_SAME_DAY", (await unwind.ReadJsonAsync())["errors"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unwind_OlderThanApprovalWindow_PendingUntilOemApproves()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        using var rdr = await dealer.Http.PostJsonAsync("/api/v1/retail-delivery-reports", TestDocuments.Rdr(TestDocuments.NewVin(), TestDocuments.Today.AddDays(-120)));
        var trackingId = (await rdr.ReadJsonAsync())["trackingId"]!.GetValue<string>();

        using var unwind = await dealer.Http.PostJsonAsync($"/api/v1/retail-delivery-reports/{trackingId}/unwind", Reason("FINANCING_DECLINED"));
        Assert.Equal("UnwindPending", (await unwind.ReadJsonAsync())["status"]!.GetValue<string>());
        using var approved = await dealer.Oem.PostJsonAsync($"/api/v1/oem/retail-delivery-reports/{trackingId}/events", new JsonObject { ["type"] = "UnwindApproved" });

        Assert.Equal("Unwound", (await approved.ReadJsonAsync())["status"]!.GetValue<string>());
        await dealer.WaitForAsync(trackingId, c => c["deliveries"]!.AsArray().Any(d => d!["messageType"]!.GetValue<string>() == "RetailDeliveryUnwindRequested"), "unwind request routed", "retail-delivery-reports");
    }
}
