using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Dms.Testing.Soap;
using Dms.Testing.Soap.Contract;

namespace Dms.Adapters.Soap.Tests;

/// <summary>
/// Parts orders through the real WCF client with a contract written from the WSDL: a VOR order split by the depot and
/// shipped in two notices, the first received with a damaged part (retried with its commandId: one effect), the
/// buckets GetDocumentStatus shows equal to REST's; and a cancel before the acknowledgement, retried.
/// </summary>
public sealed class SoapPartsOrderTests(SoapHubFixture fixture) : IClassFixture<SoapHubFixture>
{
    private static readonly DateTime Today = TestDocuments.Today.ToDateTime(TimeOnly.MinValue);
    private static readonly string[] BucketNames = ["unacknowledged", "accepted", "backordered", "substituted", "cancelled", "shipped", "received", "discrepant", "credited", "total"];

    [Fact]
    public async Task Vor_SplitAckTwoShipNotices_ReceiptWithADamagedPartRetried_BucketsAsRest()
    {
        var dealer = await fixture.CreateDealerAsync();
        var service = Open(dealer);
        var ack = await service.SubmitPartsOrderAsync(Vor());
        var id = ack.TrackingId!;
        await DepotAsync(id, new JsonObject
        {
            ["type"] = "Acknowledged",
            ["acknowledgement"] = new JsonObject
            {
                ["lines"] = new JsonArray(
                    Line(1, Allocation(1, "PDC-EAST")),
                    Line(2, Allocation(1, "PDC-EAST"), Allocation(1, "PDC-WEST"))),
            },
        });
        await DepotAsync(id, Ship("S1", (1, 1), (2, 1)));
        await DepotAsync(id, Ship("S2", (2, 1)));
        var receipt = new PartsOrderReceipt
        {
            ShipmentId = "S1",
            ReceivedOn = Today,
            Lines = [new PartsOrderReceiptLine { LineNumber = 2, Discrepancies = [new PartsOrderReceiptLineDiscrepancy { Kind = "Damaged", Quantity = 1, Note = "Disc scored." }] }],
        };

        var received = await service.ReceivePartsOrderShipmentAsync(id, "rcv-" + TestDocuments.Next(), receipt);
        var commandId = "rcv-" + TestDocuments.Next();
        var first = await service.ReceivePartsOrderShipmentAsync(id, commandId, new PartsOrderReceipt { ShipmentId = "S2", ReceivedOn = Today });
        var retried = await service.ReceivePartsOrderShipmentAsync(id, commandId, new PartsOrderReceipt { ShipmentId = "S2", ReceivedOn = Today });
        var status = await service.GetDocumentStatusAsync(id);
        using var rest = fixture.Hub.Client(dealer.ApiKey);
        var view = await rest.GetJsonAsync("/api/v1/parts-orders/" + id);

        Assert.Equal(("Accepted", "Submitted"), (ack.Outcome, ack.Status));
        Assert.Equal(["CancelPartsOrder"], ack.AllowedActions!.Select(a => a.SoapOperation));
        Assert.Equal(("Accepted", false), (received.Outcome, received.Replayed));
        Assert.Equal(("Accepted", "Received", false), (first.Outcome, first.Status, first.Replayed));
        Assert.Equal(("Accepted", "Received", true), (retried.Outcome, retried.Status, retried.Replayed));
        Assert.Equal(("Found", "Received"), (status.Outcome, status.Status));
        XNamespace ns = Ns.Dealer;
        var lines = XElement.Parse(status.Oem!.PartsOrderState!.Child("lines")!.OuterXml).Elements(ns + "line").ToList();
        var buckets = lines.Select(l => Buckets(l.Element(ns + "buckets")!, ns)).ToList();
        Assert.Equal(["0,0,0,0,0,0,1,0,0,1", "0,0,0,0,0,0,1,1,0,2"], buckets);
        Assert.Equal(view["oem"]!["lines"]!.AsArray().Select(l => Buckets(l!["buckets"]!)), buckets);
    }

    [Fact]
    public async Task Cancel_BeforeTheAcknowledgement_RetriedWithItsCommandId_Replayed_OtherContentConflict()
    {
        var service = Open(await fixture.CreateDealerAsync());
        var id = (await service.SubmitPartsOrderAsync(Vor())).TrackingId!;
        var command = new DocumentCommand { Reason = "CUSTOMER_WITHDREW", Comment = "The customer took the car elsewhere." };

        var cancelled = await service.CancelPartsOrderAsync(id, "cxl-1", command);
        var again = await service.CancelPartsOrderAsync(id, "cxl-1", command);
        var other = await service.CancelPartsOrderAsync(id, "cxl-1", new DocumentCommand { Reason = "DUPLICATE_ORDER" });

        Assert.Equal(("Accepted", "Cancelled", false), (cancelled.Outcome, cancelled.Status, cancelled.Replayed));
        Assert.Equal(("Accepted", "Cancelled", true), (again.Outcome, again.Status, again.Replayed));
        Assert.Equal(("Conflict", "IDEMPOTENCY_KEY_REUSED"), (other.Outcome, other.Code));
    }

    private IDealerService Open(SoapDealer dealer) => SoapClients.PasswordText(fixture.SecureSoapUrl, dealer.Code, dealer.SoapSecret).CreateChannel();

    private static PartsOrder Vor() => new()
    {
        DealerOrderNumber = "VOR-" + TestDocuments.Next(),
        OrderType = "VOR",
        Vin = TestDocuments.NewVin(),
        RepairOrderNumber = "RO-" + TestDocuments.Next(),
        Lines =
        [
            new PartsOrderLine { LineNumber = 1, PartNumber = "45022-AUR-010", Quantity = 1, UnitOfMeasure = "SET" },
            new PartsOrderLine { LineNumber = 2, PartNumber = "43512-AUR-020", Quantity = 2 },
        ],
    };

    private static JsonObject Line(int number, params JsonObject[] allocations) => new() { ["lineNumber"] = number, ["allocations"] = new JsonArray([.. allocations]) };

    private static JsonObject Allocation(int quantity, string depot) => new()
    {
        ["status"] = "Accepted", ["quantity"] = quantity, ["depot"] = depot, ["promisedShipDate"] = TestDocuments.Date(TestDocuments.Today.AddDays(1)),
    };

    private static JsonObject Ship(string shipmentId, params (int Line, int Quantity)[] lines) => new()
    {
        ["type"] = "ShipNotice",
        ["shipNotice"] = new JsonObject
        {
            ["shipmentId"] = shipmentId, ["carrier"] = "DHL", ["shipDate"] = TestDocuments.Date(TestDocuments.Today),
            ["lines"] = new JsonArray([.. lines.Select(l => (JsonNode)new JsonObject { ["lineNumber"] = l.Line, ["quantity"] = l.Quantity })]),
        },
    };

    private static string Buckets(JsonNode buckets) =>
        string.Join(',', BucketNames.Select(name => buckets[name]?.GetValue<long>() ?? 0));

    private static string Buckets(XElement buckets, XNamespace ns) =>
        string.Join(',', BucketNames.Select(name => (long?)buckets.Element(ns + name) ?? 0));

    private async Task DepotAsync(string trackingId, JsonObject oemEvent)
    {
        using var oem = fixture.Hub.Client(HubSettings.OemKey);
        using var response = await oem.PostJsonAsync($"/api/v1/oem/parts-orders/{trackingId}/events", oemEvent);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{oemEvent.ToJsonString()} → {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
