using System.Net;
using System.Text.Json.Nodes;
using Dms.Testing.Soap;
using Dms.Testing.Soap.Contract;

namespace Dms.Adapters.Soap.Tests;

/// <summary>
/// The dealer service through the real WCF client (PasswordText over TLS, WCF's own WS-Security) with a contract
/// written from the WSDL, not shared with the service.
/// </summary>
public sealed class SoapDealerServiceTests(SoapHubFixture fixture) : IClassFixture<SoapHubFixture>
{
    [Fact]
    public async Task Submit_RdrThenClaim_AcceptedDeliveredAndTheSameAsRest()
    {
        var dealer = await fixture.CreateDealerAsync();
        var service = Open(dealer);
        var vin = TestDocuments.NewVin();

        var rdr = await service.SubmitRetailDeliveryReportAsync(XmlDocuments.Rdr(vin));
        var claimXml = XmlDocuments.Claim(vin);
        var claim = await service.SubmitWarrantyClaimAsync(claimXml);

        Assert.Equal(("Accepted", "Accepted"), (rdr.Outcome, rdr.Status));
        Assert.Equal(("Accepted", "Submitted", false), (claim.Outcome, claim.Status, claim.Replayed));
        Assert.Equal(["CancelWarrantyClaim"], claim.AllowedActions!.Select(a => a.SoapOperation));
        using var rest = fixture.Hub.Client(dealer.ApiKey);
        var stored = await Eventually.GetAsync(() => rest.GetJsonAsync("/api/v1/warranty-claims/" + claim.TrackingId),
            c => c["deliveries"]?.AsArray().FirstOrDefault()?["status"]?.GetValue<string>() == "Delivered", what: "delivered");
        Assert.Equal("soap", stored["timeline"]![0]!["channel"]!.GetValue<string>());
        Assert.Equal(1.5m, stored["document"]!["laborLines"]![0]!["hours"]!.GetValue<decimal>());
        Assert.Equal(TestDocuments.Date(TestDocuments.Today), stored["document"]!["repairOrder"]!["closedOn"]!.GetValue<string>());
        Assert.Equal("WarrantyClaimSubmitted", fixture.Oem.RequestsFor(claimXml.DealerClaimNumber).Single().Body!["messageType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Submit_SameClaimAgain_OriginalAcknowledgementReplayed_ChangedContentConflict()
    {
        var dealer = await fixture.CreateDealerAsync();
        var service = Open(dealer);
        var vin = TestDocuments.NewVin();
        await service.SubmitRetailDeliveryReportAsync(XmlDocuments.Rdr(vin));
        var claim = XmlDocuments.Claim(vin);

        var first = await service.SubmitWarrantyClaimAsync(claim);
        var again = await service.SubmitWarrantyClaimAsync(claim);
        claim.RepairOrder.Number = "RO-CHANGED";
        var changed = await service.SubmitWarrantyClaimAsync(claim);

        Assert.Equal((first.TrackingId, first.Status, true), (again.TrackingId, again.Status, again.Replayed));
        Assert.Equal(("Conflict", "DUPLICATE_CLAIM", first.TrackingId), (changed.Outcome, changed.Code, changed.TrackingId));
    }

    [Fact]
    public async Task Submit_BusinessErrors_RejectedWithXmlPathsAndPointers_NoFault()
    {
        var dealer = await fixture.CreateDealerAsync();
        var service = Open(dealer);
        var claim = XmlDocuments.Claim("1HGCM82643A004352");
        claim.PartLines[0].Causal = false;
        claim.ClaimedTotal = null;

        var ack = await service.SubmitWarrantyClaimAsync(claim);
        claim.ClaimedTotal = XmlDocuments.Usd(26250);
        claim.LaborLines[0].Hours = 120m;
        var rules = await service.SubmitWarrantyClaimAsync(claim);

        Assert.Equal(("Rejected", "VALIDATION_FAILED"), (ack.Outcome, ack.Code));
        Assert.Contains(ack.Errors!, e => e is { Path: "warrantyClaim/claimedTotal", JsonPointer: "/claimedTotal", Code: "REQUIRED" });
        Assert.Contains(rules.Errors!, e => e is { Path: "warrantyClaim/laborLines/laborLine[1]/hours", JsonPointer: "/laborLines/0/hours", Code: "OUT_OF_RANGE" });
        claim.LaborLines[0].Hours = 1.5m;
        var business = await service.SubmitWarrantyClaimAsync(claim);
        Assert.Contains(business.Errors!, e => e is { Path: "warrantyClaim/vin", Code: "INVALID_VIN" });
        Assert.Contains(business.Errors!, e => e is { Path: "warrantyClaim/partLines", Code: "MAIN_PART_MISSING" });
        Assert.All(new[] { ack, rules, business }.SelectMany(a => a.Errors!), e => Assert.DoesNotContain("JSON", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetDocumentStatus_OwnDocumentWithTimeline_OtherDealersNotFoundWithoutFields()
    {
        var owner = await fixture.CreateDealerAsync();
        var service = Open(owner);
        var vin = TestDocuments.NewVin();
        await service.SubmitRetailDeliveryReportAsync(XmlDocuments.Rdr(vin));
        var claim = await service.SubmitWarrantyClaimAsync(XmlDocuments.Claim(vin));

        var status = await Eventually.GetAsync(() => service.GetDocumentStatusAsync(claim.TrackingId!), s => s.Timeline!.Any(e => e.Event == "Delivered"), what: "delivered");
        var foreign = await Open(await fixture.CreateDealerAsync()).GetDocumentStatusAsync(claim.TrackingId!);
        var nonsense = await service.GetDocumentStatusAsync("not-a-tracking-id");

        Assert.Equal(("Found", "warranty-claim", "Submitted", 1L), (status.Outcome, status.DocumentType, status.Status, status.ContentVersion));
        Assert.Equal(["Submitted", "Routed", "Delivered"], status.Timeline!.Select(e => e.Event));
        Assert.Equal(["cancel"], status.AllowedActions!.Select(a => a.Name));
        Assert.Equal(("NotFound", null, false), (foreign.Outcome, foreign.TrackingId, foreign.ContentVersionSpecified));
        Assert.Equal("NotFound", nonsense.Outcome);
    }

    [Fact]
    public async Task PullAndAcknowledge_OldestFirst_GoneOnceAcknowledged_BadQueriesRejected()
    {
        var dealer = await fixture.CreateDealerAsync();
        var service = Open(dealer);
        var trackingId = await SubmitClaimAsync(service);
        await OemEventAsync(trackingId, new JsonObject { ["type"] = "Accepted" });
        await OemEventAsync(trackingId, new JsonObject { ["type"] = "Approved", ["approvedAmount"] = TestDocuments.Usd(26250) });

        var pulled = await service.PullNotificationsAsync(10, "warranty-claim", null);
        var none = await service.PullNotificationsAsync(null, "retail-delivery-report", null);
        var ack = (await service.AcknowledgeNotificationsAsync(new([.. pulled.Notifications.Select(n => n.ReceiptId), "01K0000000000000000000000"]))).AcknowledgeResult;
        var after = await service.PullNotificationsAsync(null, null, null);
        var zero = await service.PullNotificationsAsync(0, null, null);
        var huge = await service.PullNotificationsAsync(int.MaxValue, null, null);

        Assert.Equal(["Accepted", "Approved"], pulled.Notifications.Select(n => n.Status));
        Assert.All(pulled.Notifications, n => Assert.Equal(trackingId, n.TrackingId));
        Assert.Empty(none.Notifications);
        Assert.Equal(2, ack.Acknowledged.Length);
        Assert.Equal(["01K0000000000000000000000"], ack.Unknown);
        Assert.Empty(after.Notifications);
        Assert.Equal(("Rejected", "maxItems", "OUT_OF_RANGE"), (zero.Outcome, zero.Errors!.Single().Path, zero.Errors!.Single().Code));
        Assert.Equal("Rejected", huge.Outcome);
    }

    [Fact]
    public async Task Commands_CancelResubmitAppeal_RetriedWithTheSameCommandId_ReplayedOnce()
    {
        var service = Open(await fixture.CreateDealerAsync());

        var toCancel = await SubmitClaimAsync(service);
        var cancel = new DocumentCommand { Reason = "CUSTOMER_WITHDREW" };
        var cancelled = await service.CancelWarrantyClaimAsync(toCancel, "cancel-1", cancel);
        var retried = await service.CancelWarrantyClaimAsync(toCancel, "cancel-1", cancel);
        var reused = await service.CancelWarrantyClaimAsync(toCancel, "cancel-1", new DocumentCommand { Reason = "OTHER_REASON" });
        var twice = await service.CancelWarrantyClaimAsync(toCancel, null, cancel);
        var noReason = await service.CancelWarrantyClaimAsync(toCancel, null, new DocumentCommand());

        Assert.Equal(("Accepted", "Cancelled", false), (cancelled.Outcome, cancelled.Status, cancelled.Replayed));
        Assert.Equal(("Accepted", "Cancelled", true), (retried.Outcome, retried.Status, retried.Replayed));
        Assert.Equal(("Conflict", "IDEMPOTENCY_KEY_REUSED"), (reused.Outcome, reused.Code));
        Assert.Equal(("NotAllowed", "Cancelled"), (twice.Outcome, twice.Status));
        Assert.Empty(twice.AllowedActions ?? []);
        Assert.Equal(("Rejected", "documentCommand/reason"), (noReason.Outcome, noReason.Errors!.Single().Path));

        var vin = TestDocuments.NewVin();
        await service.SubmitRetailDeliveryReportAsync(XmlDocuments.Rdr(vin));
        var claim = XmlDocuments.Claim(vin);
        var pending = (await service.SubmitWarrantyClaimAsync(claim)).TrackingId!;
        await OemEventAsync(pending, new JsonObject { ["type"] = "Accepted" });
        await OemEventAsync(pending, new JsonObject { ["type"] = "PendingInformation", ["requestedInformation"] = "Photo" });
        claim.Complaint.Text = "Coolant leak, photo sent";
        var resubmitted = await service.ResubmitWarrantyClaimAsync(pending, "resubmit-1", claim);
        Assert.Equal(("Accepted", "Submitted"), (resubmitted.Outcome, resubmitted.Status));
        Assert.True((await service.ResubmitWarrantyClaimAsync(pending, "resubmit-1", claim)).Replayed);
        Assert.Equal(2, (await service.GetDocumentStatusAsync(pending)).ContentVersion);

        var denied = await SubmitClaimAsync(service);
        await OemEventAsync(denied, new JsonObject { ["type"] = "Accepted" });
        await OemEventAsync(denied, new JsonObject { ["type"] = "Denied", ["reasonCodes"] = new JsonArray("EXPIRED_WARRANTY") });
        var appeal = new DocumentCommand { Reason = "DECISION_DISPUTED", Comment = "Within coverage" };
        Assert.Equal(("Accepted", "Appealed"), ((await service.AppealWarrantyClaimAsync(denied, "appeal-1", appeal)).Outcome, (await service.GetDocumentStatusAsync(denied)).Status));
        await OemEventAsync(denied, new JsonObject { ["type"] = "Denied", ["reasonCodes"] = new JsonArray("EXPIRED_WARRANTY") });
        var lateRetry = await service.AppealWarrantyClaimAsync(denied, "appeal-1", appeal);
        Assert.Equal(("Accepted", "Appealed", true), (lateRetry.Outcome, lateRetry.Status, lateRetry.Replayed));
        Assert.Equal("Denied", (await service.GetDocumentStatusAsync(denied)).Status);
    }

    [Fact]
    public async Task Commands_OnAnotherDealersDocument_NotFound()
    {
        var trackingId = await SubmitClaimAsync(Open(await fixture.CreateDealerAsync()));
        var intruder = Open(await fixture.CreateDealerAsync());

        var cancel = await intruder.CancelWarrantyClaimAsync(trackingId, "nosy-1", new DocumentCommand { Reason = "NOSY" });

        Assert.Equal(("NotFound", "NOT_FOUND"), (cancel.Outcome, cancel.Code));
    }

    [Fact]
    public async Task RawEnvelope_KeptForAudit()
    {
        var dealer = await fixture.CreateDealerAsync();
        var trackingId = await SubmitClaimAsync(Open(dealer));
        using var admin = fixture.Hub.Client(HubSettings.AdminKey);

        using var payload = await admin.GetAsync($"/api/v1/admin/payloads/{trackingId}/1");
        var text = await payload.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, payload.StatusCode);
        Assert.Equal("text/xml", payload.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("<s:Envelope", text, StringComparison.Ordinal);
        Assert.Contains("SubmitWarrantyClaim", text, StringComparison.Ordinal);
    }

    private IDealerService Open(SoapDealer dealer) => SoapClients.PasswordText(fixture.SecureSoapUrl, dealer.Code, dealer.SoapSecret).CreateChannel();

    private static async Task<string> SubmitClaimAsync(IDealerService service)
    {
        var vin = TestDocuments.NewVin();
        Assert.Equal("Accepted", (await service.SubmitRetailDeliveryReportAsync(XmlDocuments.Rdr(vin))).Outcome);
        var ack = await service.SubmitWarrantyClaimAsync(XmlDocuments.Claim(vin));
        Assert.Equal("Accepted", ack.Outcome);
        return ack.TrackingId!;
    }

    private async Task OemEventAsync(string trackingId, JsonObject oemEvent)
    {
        using var oem = fixture.Hub.Client(HubSettings.OemKey);
        using var response = await oem.PostJsonAsync($"/api/v1/oem/warranty-claims/{trackingId}/events", oemEvent);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
