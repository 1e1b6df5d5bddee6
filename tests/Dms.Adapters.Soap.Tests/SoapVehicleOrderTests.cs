using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dms.Testing.Soap;
using Dms.Testing.Soap.Contract;

namespace Dms.Adapters.Soap.Tests;

/// <summary>
/// Vehicle orders through the real WCF client with a contract written from the WSDL: submit, the status a legacy
/// dealer system reads as the OEM moves the order (stage, OEM code, VIN, ETA window and slip, hold), amend and cancel
/// with retried command IDs, and what the lock forbids.
/// </summary>
public sealed class SoapVehicleOrderTests(SoapHubFixture fixture) : IClassFixture<SoapHubFixture>
{
    private static readonly DateTime Today = TestDocuments.Today.ToDateTime(TimeOnly.MinValue);

    [Fact]
    public async Task Status_AfterOemStagesInOwnCodes_CarriesStageVinEtaSlipHoldInvoiceAndOemCode()
    {
        var service = Open(await fixture.CreateDealerAsync());
        var ack = await service.SubmitVehicleOrderAsync(XmlDocuments.Order());
        var id = ack.TrackingId!;
        var vin = TestDocuments.NewVin();

        await OemEventAsync(id, new JsonObject { ["type"] = "Accepted", ["oemOrderNumber"] = "GM-S-" + TestDocuments.Next() });
        await OemEventAsync(id, new JsonObject { ["type"] = "Scheduled", ["buildWeek"] = "2030-W05", ["plant"] = "Lansing", ["eta"] = Eta(20, 27, hoursAgo: 3) });
        await OemEventAsync(id, new JsonObject { ["oemCode"] = Code("GM", "3800"), ["vin"] = vin });
        await OemEventAsync(id, new JsonObject { ["type"] = "Invoiced", ["invoice"] = new JsonObject { ["number"] = "INV-S-1", ["date"] = TestDocuments.Date(TestDocuments.Today) } });
        await OemEventAsync(id, new JsonObject { ["type"] = "InTransit", ["carrier"] = "Cassens Transport", ["eta"] = Eta(30, 34, hoursAgo: 2) });
        await OemEventAsync(id, new JsonObject { ["oemCode"] = Code("GM", "4300"), ["occurredAt"] = Instant(hoursAgo: 1) });
        var held = await service.GetDocumentStatusAsync(id);
        await OemEventAsync(id, new JsonObject { ["oemCode"] = Code("GM", "4390"), ["occurredAt"] = Instant(hoursAgo: 0) });
        var released = await service.GetDocumentStatusAsync(id);
        await OemEventAsync(id, new JsonObject { ["oemCode"] = Code("GM", "5000"), ["deliveredOn"] = TestDocuments.Date(TestDocuments.Today) });
        var delivered = await service.GetDocumentStatusAsync(id);

        Assert.Equal(("Accepted", "Submitted"), (ack.Outcome, ack.Status));
        Assert.Equal(["CancelVehicleOrder", "AmendVehicleOrder"], ack.AllowedActions!.Select(a => a.SoapOperation));
        Assert.Equal(("Found", "vehicle-order", "InTransit"), (held.Outcome, held.DocumentType, held.Status));
        var order = held.Oem!.VehicleOrderState!;
        Assert.Null(held.Oem.WarrantyClaimState);
        Assert.Equal((vin, "Lansing", "2030-W05", "Cassens Transport"), (order.Vin, order.Schedule!.Plant, order.Schedule.BuildWeek, order.Carrier));
        Assert.Equal(("INV-S-1", Today), (order.Invoice!.Number, order.Invoice.Date));
        Assert.Equal((Today.AddDays(30), Today.AddDays(34), "Carrier"), (order.Eta!.Earliest, order.Eta.Latest, order.Eta.Source));
        Assert.Equal((Today.AddDays(27), 7L, true), (order.FirstEta!.Latest, order.EtaSlipDays, order.EtaSlipDaysSpecified));
        Assert.Equal(("GM", "4300", "HoldSet"), (order.LastCode!.Scheme, order.LastCode.Code, order.LastCode.Event));
        var hold = Assert.Single(held.Overlays!);
        Assert.Equal(("hold", true, "Carrier", "4300", false), (hold.Name, hold.Active, hold.ReasonClass, hold.ReasonCode, hold.ReleasedAtSpecified));
        Assert.Equal("true", Field(held, "onHold"));
        Assert.Equal((vin, "AUR-SUV", TestDocuments.Date(TestDocuments.Today.AddDays(34))), (Field(held, "vin"), Field(held, "model"), Field(held, "eta")));
        Assert.Contains(held.Timeline!, e => e.Event == "HoldSet");
        Assert.Equal(("InTransit", false, true), (released.Status, Assert.Single(released.Overlays!).Active, released.Overlays![0].ReleasedAtSpecified));
        Assert.Equal(("false", "HoldReleased"), (Field(released, "onHold"), released.Oem!.VehicleOrderState!.LastCode!.Event));
        Assert.Equal(("AtDealer", Today, "Delivered to the dealer"), (delivered.Status, delivered.Oem!.VehicleOrderState!.DeliveredOn, delivered.Oem.VehicleOrderState.LastCode!.Description));
        Assert.Equal("WHT", Element(delivered, "exteriorColor"));
    }

    [Fact]
    public async Task AmendThenCancel_BeforeTheOemAccepts_RetriedWithTheSameCommandId_ReplayedOnce()
    {
        var service = Open(await fixture.CreateDealerAsync());
        var id = (await service.SubmitVehicleOrderAsync(XmlDocuments.Order())).TrackingId!;
        var amendment = new VehicleOrderAmendment { ExteriorColor = "RED", Options = ["W20", "NAV", "HUD"], Reason = "CUSTOMER_CHANGED_SPEC" };

        var amended = await service.AmendVehicleOrderAsync(id, "amend-1", amendment);
        var retried = await service.AmendVehicleOrderAsync(id, "amend-1", amendment);
        var reused = await service.AmendVehicleOrderAsync(id, "amend-1", new VehicleOrderAmendment { ExteriorColor = "BLU" });
        var pending = await service.GetDocumentStatusAsync(id);
        var second = await service.AmendVehicleOrderAsync(id, "amend-2", new VehicleOrderAmendment { ExteriorColor = "BLU" });
        await OemEventAsync(id, new JsonObject { ["type"] = "ChangeAccepted", ["changeVersion"] = 2 });
        var answered = await service.GetDocumentStatusAsync(id);
        var bad = await service.AmendVehicleOrderAsync(id, "amend-3", new VehicleOrderAmendment { Options = ["W19", "W20", "HUD"] });

        Assert.Equal(("Accepted", "Submitted", false), (amended.Outcome, amended.Status, amended.Replayed));
        Assert.Equal(("Accepted", true), (retried.Outcome, retried.Replayed));
        Assert.Equal(("Conflict", "IDEMPOTENCY_KEY_REUSED"), (reused.Outcome, reused.Code));
        Assert.Equal((2L, "RED"), (pending.ContentVersion, Element(pending, "exteriorColor")));
        Assert.Equal(("change", true), (Assert.Single(pending.Overlays!).Name, pending.Overlays![0].Active));
        Assert.Equal(("Rejected", "CHANGE_PENDING"), (second.Outcome, second.Errors!.Single().Code));
        Assert.Equal((2L, "ChangeAccepted", false), (answered.Oem!.VehicleOrderState!.LastChange!.Version, answered.Oem.VehicleOrderState.LastChange.Outcome, answered.Overlays![0].Active));
        Assert.Equal("Rejected", bad.Outcome);
        Assert.Contains(bad.Errors!, e => e.Code == "OPTION_GROUP_CONFLICT" && e.Path!.StartsWith("vehicleOrderAmendment/options", StringComparison.Ordinal));

        var cancel = new DocumentCommand { Reason = "CUSTOMER_WITHDREW" };
        var cancelled = await service.CancelVehicleOrderAsync(id, "cancel-1", cancel);
        var again = await service.CancelVehicleOrderAsync(id, "cancel-1", cancel);
        var twice = await service.CancelVehicleOrderAsync(id, null, cancel);

        Assert.Equal(("Accepted", "Cancelled", false), (cancelled.Outcome, cancelled.Status, cancelled.Replayed));
        Assert.Equal(("Accepted", "Cancelled", true), (again.Outcome, again.Status, again.Replayed));
        Assert.Equal(("NotAllowed", "Cancelled"), (twice.Outcome, twice.Status));
        Assert.Empty(twice.AllowedActions ?? []);
    }

    [Fact]
    public async Task AfterTheLock_AmendNotAllowed_CancelIsARequestTheOemRefuses()
    {
        var service = Open(await fixture.CreateDealerAsync());
        var id = (await service.SubmitVehicleOrderAsync(XmlDocuments.Order())).TrackingId!;
        await OemEventAsync(id, new JsonObject { ["type"] = "Accepted" });
        await OemEventAsync(id, new JsonObject { ["type"] = "Locked" });

        var amend = await service.AmendVehicleOrderAsync(id, "late-amend", new VehicleOrderAmendment { ExteriorColor = "RED" });
        var cancel = await service.CancelVehicleOrderAsync(id, "late-cancel", new DocumentCommand { Reason = "CUSTOMER_WITHDREW" });
        await OemEventAsync(id, new JsonObject { ["type"] = "CancelRefused", ["reasonCodes"] = new JsonArray("ORDER_LOCKED") });
        var status = await service.GetDocumentStatusAsync(id);

        Assert.Equal(("NotAllowed", "Locked"), (amend.Outcome, amend.Status));
        Assert.Equal(["CancelVehicleOrder"], amend.AllowedActions!.Select(a => a.SoapOperation));
        Assert.Equal(("Accepted", "CancelRequested"), (cancel.Outcome, cancel.Status));
        Assert.Equal(("CancelRefused", "CancelRefused", "ORDER_LOCKED"), (status.Status, status.Oem!.VehicleOrderState!.Cancellation!.Outcome, status.Oem.VehicleOrderState.Cancellation.ReasonCodes!.Single()));
    }

    [Fact]
    public async Task OrderCommands_OnAnotherDealersOrder_NotFound()
    {
        var id = (await Open(await fixture.CreateDealerAsync()).SubmitVehicleOrderAsync(XmlDocuments.Order())).TrackingId!;
        var intruder = Open(await fixture.CreateDealerAsync());

        var amend = await intruder.AmendVehicleOrderAsync(id, "nosy-1", new VehicleOrderAmendment { ExteriorColor = "RED" });
        var status = await intruder.GetDocumentStatusAsync(id);

        Assert.Equal(("NotFound", "NotFound"), (amend.Outcome, status.Outcome));
        Assert.Null(status.Oem);
    }

    private IDealerService Open(SoapDealer dealer) => SoapClients.PasswordText(fixture.SecureSoapUrl, dealer.Code, dealer.SoapSecret).CreateChannel();

    private static JsonObject Code(string scheme, string code) => new() { ["scheme"] = scheme, ["code"] = code };

    private static JsonObject Eta(int earliest, int latest, int hoursAgo) => new()
    {
        ["earliest"] = TestDocuments.Date(TestDocuments.Today.AddDays(earliest)),
        ["latest"] = TestDocuments.Date(TestDocuments.Today.AddDays(latest)),
        ["source"] = latest < 30 ? "Plant" : "Carrier",
        ["setAt"] = Instant(hoursAgo),
    };

    private static string Instant(int hoursAgo) => DateTimeOffset.UtcNow.AddHours(-hoursAgo).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string? Field(DocumentStatus status, string name) => status.Fields?.SingleOrDefault(f => f.Name == name)?.Value;

    /// <summary>A value of the order itself (<c>document/vehicleOrder/…</c>), kept as XML by the test contract.</summary>
    private static string? Element(DocumentStatus status, string name) =>
        status.Document?.GetElementsByTagName(name, Ns.Dealer) is { Count: > 0 } found ? found[0]!.InnerText : null;

    private async Task OemEventAsync(string trackingId, JsonObject oemEvent)
    {
        using var oem = fixture.Hub.Client(HubSettings.OemKey);
        using var response = await oem.PostJsonAsync($"/api/v1/oem/vehicle-orders/{trackingId}/events", oemEvent);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{oemEvent.ToJsonString()} → {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
