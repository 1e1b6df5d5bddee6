using System.Net;
using System.Text.Json.Nodes;
using Dms.Adapters.Soap.Contracts;
using Dms.Testing.Soap;

namespace Dms.Adapters.Soap.Tests;

/// <summary>Every dealer operation through the real WCF client (PasswordText over TLS, WCF's own WS-Security).</summary>
public sealed class SoapDealerServiceTests(SoapHubFixture fixture) : IClassFixture<SoapHubFixture>
{
    [Fact]
    public async Task Submit_RdrThenClaim_AcceptedDeliveredAndTheSameAsRest()
    {
        var dealer = await fixture.CreateDealerAsync();
        var service = await OpenAsync(dealer);
        var vin = TestDocuments.NewVin();

        var rdr = await service.SubmitRetailDeliveryReportAsync(XmlDocuments.Rdr(vin));
        var claimXml = XmlDocuments.Claim(vin);
        var claim = await service.SubmitWarrantyClaimAsync(claimXml);

        Assert.Equal(("Accepted", "Accepted"), (rdr.Outcome, rdr.Status));
        Assert.Equal(("Accepted", "Submitted", false), (claim.Outcome, claim.Status, claim.Replayed));
        using var rest = fixture.Hub.Client(dealer.ApiKey);
        var stored = await Eventually.GetAsync(() => rest.GetJsonAsync("/api/v1/warranty-claims/" + claim.TrackingId),
            c => c["deliveries"]?.AsArray().FirstOrDefault()?["status"]?.GetValue<string>() == "Delivered", what: "delivered");
        Assert.Equal("soap", stored["timeline"]![0]!["channel"]!.GetValue<string>());
        Assert.Equal(1.5m, stored["document"]!["laborLines"]![0]!["hours"]!.GetValue<decimal>());
        Assert.Equal("WarrantyClaimSubmitted", fixture.Oem.RequestsFor(claimXml.DealerClaimNumber!).Single().Body!["messageType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Submit_SameClaimAgain_OriginalAcknowledgementReplayed()
    {
        var dealer = await fixture.CreateDealerAsync();
        var service = await OpenAsync(dealer);
        var vin = TestDocuments.NewVin();
        await service.SubmitRetailDeliveryReportAsync(XmlDocuments.Rdr(vin));
        var claim = XmlDocuments.Claim(vin);

        var first = await service.SubmitWarrantyClaimAsync(claim);
        var again = await service.SubmitWarrantyClaimAsync(claim);
        claim.RepairOrder!.Number = "RO-CHANGED";
        var changed = await service.SubmitWarrantyClaimAsync(claim);

        Assert.Equal((first.TrackingId, first.Status, true), (again.TrackingId, again.Status, again.Replayed));
        Assert.Equal(("Conflict", "DUPLICATE_CLAIM", first.TrackingId), (changed.Outcome, changed.Code, changed.TrackingId));
    }

    [Fact]
    public async Task Submit_BusinessErrors_RejectedAcknowledgementWithEveryErrorNoFault()
    {
        var dealer = await fixture.CreateDealerAsync();
        var service = await OpenAsync(dealer);
        var claim = XmlDocuments.Claim("1HGCM82643A004352");
        claim.PartLines![0].Causal = false;
        claim.ClaimedTotal = null;

        var ack = await service.SubmitWarrantyClaimAsync(claim);

        Assert.Equal(("Rejected", "VALIDATION_FAILED"), (ack.Outcome, ack.Code));
        Assert.Contains(ack.Errors!, e => e is { Path: "/claimedTotal", Code: "REQUIRED" });
        claim.ClaimedTotal = XmlDocuments.Usd(26250);
        var rules = await service.SubmitWarrantyClaimAsync(claim);
        Assert.Contains(rules.Errors!, e => e is { Path: "/vin", Code: "INVALID_VIN" });
        Assert.Contains(rules.Errors!, e => e is { Path: "/partLines", Code: "MAIN_PART_MISSING" });
    }

    [Fact]
    public async Task GetDocumentStatus_OwnDocumentWithTimeline_OtherDealersNotFound()
    {
        var owner = await fixture.CreateDealerAsync();
        var other = await fixture.CreateDealerAsync();
        var service = await OpenAsync(owner);
        var vin = TestDocuments.NewVin();
        await service.SubmitRetailDeliveryReportAsync(XmlDocuments.Rdr(vin));
        var claim = await service.SubmitWarrantyClaimAsync(XmlDocuments.Claim(vin));

        var status = await Eventually.GetAsync(() => service.GetDocumentStatusAsync(claim.TrackingId!), s => s.Timeline!.Any(e => e.Event == "Delivered"), what: "delivered");
        var foreign = await (await OpenAsync(other)).GetDocumentStatusAsync(claim.TrackingId!);
        var nonsense = await service.GetDocumentStatusAsync("not-a-tracking-id");

        Assert.Equal(("Found", "warranty-claim", "Submitted"), (status.Outcome, status.DocumentType, status.Status));
        Assert.Equal(["Submitted", "Routed", "Delivered"], status.Timeline!.Select(e => e.Event));
        Assert.Contains("cancel", status.AllowedActions!);
        Assert.Equal("NotFound", foreign.Outcome);
        Assert.Null(foreign.TrackingId);
        Assert.Equal("NotFound", nonsense.Outcome);
    }

    [Fact]
    public async Task PullAndAcknowledge_StatusChangesOldestFirst_GoneOnceAcknowledged()
    {
        var dealer = await fixture.CreateDealerAsync();
        var service = await OpenAsync(dealer);
        var trackingId = await SubmitClaimAsync(service);
        await OemEventAsync(trackingId, new JsonObject { ["type"] = "Accepted" });
        await OemEventAsync(trackingId, new JsonObject { ["type"] = "Approved", ["approvedAmount"] = TestDocuments.Usd(26250) });

        var pulled = await service.PullNotificationsAsync(new PullNotificationsXml { MaxItems = 10, DocumentType = "warranty-claim" });
        var none = await service.PullNotificationsAsync(new PullNotificationsXml { DocumentType = "retail-delivery-report" });
        var ack = await service.AcknowledgeNotificationsAsync([.. pulled.Notifications.Select(n => n.ReceiptId), "01K0000000000000000000000"]);
        var after = await service.PullNotificationsAsync(new PullNotificationsXml());

        Assert.Equal(["Accepted", "Approved"], pulled.Notifications.Select(n => n.Status));
        Assert.All(pulled.Notifications, n => Assert.Equal(trackingId, n.TrackingId));
        Assert.Empty(none.Notifications);
        Assert.Equal(2, ack.Acknowledged.Count);
        Assert.Equal(["01K0000000000000000000000"], ack.Unknown);
        Assert.Empty(after.Notifications);
    }

    [Fact]
    public async Task Commands_CancelResubmitAppeal_SameRulesAsRest()
    {
        var dealer = await fixture.CreateDealerAsync();
        var service = await OpenAsync(dealer);

        var toCancel = await SubmitClaimAsync(service);
        var cancelled = await service.CancelWarrantyClaimAsync(new DocumentCommandXml { TrackingId = toCancel, Reason = "CUSTOMER_WITHDREW" });
        var twice = await service.CancelWarrantyClaimAsync(new DocumentCommandXml { TrackingId = toCancel, Reason = "CUSTOMER_WITHDREW" });
        var noReason = await service.CancelWarrantyClaimAsync(new DocumentCommandXml { TrackingId = toCancel });

        Assert.Equal(("Accepted", "Cancelled"), (cancelled.Outcome, cancelled.Status));
        Assert.Equal(("NotAllowed", "Cancelled"), (twice.Outcome, twice.Status));
        Assert.Equal(("Rejected", "/reason"), (noReason.Outcome, noReason.Errors!.Single().Path));

        var vin = TestDocuments.NewVin();
        await service.SubmitRetailDeliveryReportAsync(XmlDocuments.Rdr(vin));
        var claim = XmlDocuments.Claim(vin);
        var pending = (await service.SubmitWarrantyClaimAsync(claim)).TrackingId!;
        await OemEventAsync(pending, new JsonObject { ["type"] = "Accepted" });
        await OemEventAsync(pending, new JsonObject { ["type"] = "PendingInformation", ["requestedInformation"] = "Photo" });
        claim.Complaint!.Text = "Coolant leak, photo sent";
        var resubmitted = await service.ResubmitWarrantyClaimAsync(pending, claim);
        Assert.Equal(("Accepted", "Submitted"), (resubmitted.Outcome, resubmitted.Status));
        Assert.Equal(2, (await service.GetDocumentStatusAsync(pending)).ContentVersion);

        var denied = await SubmitClaimAsync(service);
        await OemEventAsync(denied, new JsonObject { ["type"] = "Accepted" });
        await OemEventAsync(denied, new JsonObject { ["type"] = "Denied", ["reasonCodes"] = new JsonArray("EXPIRED_WARRANTY") });
        var appeal = await service.AppealWarrantyClaimAsync(new DocumentCommandXml { TrackingId = denied, Reason = "DECISION_DISPUTED", Comment = "Within coverage" });
        Assert.Equal(("Accepted", "Appealed"), (appeal.Outcome, appeal.Status));
    }

    [Fact]
    public async Task Commands_OnAnotherDealersDocument_NotFound()
    {
        var owner = await fixture.CreateDealerAsync();
        var trackingId = await SubmitClaimAsync(await OpenAsync(owner));
        var intruder = await OpenAsync(await fixture.CreateDealerAsync());

        var cancel = await intruder.CancelWarrantyClaimAsync(new DocumentCommandXml { TrackingId = trackingId, Reason = "NOSY" });

        Assert.Equal("NotFound", cancel.Outcome);
    }

    [Fact]
    public async Task RawEnvelope_KeptForAudit()
    {
        var dealer = await fixture.CreateDealerAsync();
        var trackingId = await SubmitClaimAsync(await OpenAsync(dealer));
        using var admin = fixture.Hub.Client(HubSettings.AdminKey);

        using var payload = await admin.GetAsync($"/api/v1/admin/payloads/{trackingId}/1");
        var text = await payload.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, payload.StatusCode);
        Assert.Equal("text/xml", payload.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("<s:Envelope", text, StringComparison.Ordinal);
        Assert.Contains("SubmitWarrantyClaim", text, StringComparison.Ordinal);
    }

    private Task<IDealerService> OpenAsync(SoapDealer dealer) =>
        Task.FromResult(SoapClients.PasswordText(fixture.SecureSoapUrl, dealer.Code, dealer.SoapSecret).CreateChannel());

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
