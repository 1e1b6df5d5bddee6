using System.Xml.Linq;
using Dms.Testing.Soap;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Dms.Adapters.Soap.Tests;

/// <summary>
/// A claim sent over SOAP and decided by the OEM simulator (the real program, in its own process) reaches the dealer
/// twice: as a SOAP callback to the dealer's own endpoint (WireMock playing a legacy DMS that implements the
/// callback WSDL), and in the mailbox it pulls. Every callback envelope is valid against the published callback WSDL.
/// </summary>
public sealed class SoapCallbackTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly XNamespace Dealer = "urn:dms:dealer:v1";
    private static readonly string[] Decisions = ["Approved", "PartiallyApproved", "Denied", "PendingInformation"];
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _certificate = TestCertificates.Localhost();
    private readonly WireMockServer _dealerEndpoint = WireMockServer.Start();
    private readonly int _simulatorPort = ChildProcess.FreePort();
    private HubHost _hub = null!;
    private ChildProcess _simulator = null!;

    public async ValueTask InitializeAsync()
    {
        _dealerEndpoint.Given(Request.Create().WithPath("/callback.svc").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/xml; charset=utf-8")
                .WithBody("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><NotifyDocumentStatusResponse xmlns=\"urn:dms:dealer:v1\"/></s:Body></s:Envelope>"));
        var simulator = $"http://127.0.0.1:{_simulatorPort}";
        var settings = HubSettings.Defaults(azurite.ConnectionString, "cb" + Guid.NewGuid().ToString("N")[..10], simulator + "/warranty/claims", simulator + "/hq/retail-deliveries");
        _hub = await HubHost.StartAsync(settings, https: _certificate);
        _simulator = await ChildProcess.StartAsync("tests/Dms.OemSimulator",
        [
            $"--Simulator:HubUrl={_hub.BaseAddress}", $"--Simulator:HubKey={HubSettings.OemKey}", "--Simulator:InboundKey=oem-inbound-secret",
            "--Simulator:DecisionDelayMinMilliseconds=200", "--Simulator:DecisionDelayMaxMilliseconds=600", "--Logging:LogLevel:Default=Warning",
        ], "/health", _simulatorPort);
    }

    [Fact]
    public async Task ClaimOverSoap_DecidedBySimulator_ReachesDealerByValidCallbackAndByPull()
    {
        var code = (await _hub.CreateDealerAsync(channel: "soap", callbackUrl: _dealerEndpoint.Url + "/callback.svc")).Code;
        using var admin = _hub.Client(HubSettings.AdminKey);
        var secret = (await (await admin.PostAsync($"/api/v1/admin/dealers/{code}/soap-secret", null)).ReadJsonAsync())["soapSecret"]!.GetValue<string>();
        var service = SoapClients.PasswordText(_hub.HttpsAddress + "soap/DealerService.svc", code, secret).CreateChannel();
        var vin = TestDocuments.NewVin();
        Assert.Equal("Accepted", (await service.SubmitRetailDeliveryReportAsync(XmlDocuments.Rdr(vin))).Outcome);

        var trackingId = (await service.SubmitWarrantyClaimAsync(XmlDocuments.Claim(vin))).TrackingId!;

        // Each push is its own work item, so the OEM's acceptance and its decision may reach the dealer in either order
        // (under load the decision's push can overtake the acceptance's): wait for both, assume no order.
        var pushed = await Eventually.GetAsync(() => Task.FromResult(Callbacks().Where(n => (string?)n.Element(Dealer + "trackingId") == trackingId).ToList()),
            n => n.Any(x => Decisions.Contains((string?)x.Element(Dealer + "status"))) && n.Any(x => (string?)x.Element(Dealer + "status") == "Accepted"),
            TimeSpan.FromSeconds(45), "acceptance and decision called back");
        var pulled = await service.PullNotificationsAsync(50, null, null);
        var decision = pushed.Single(n => Decisions.Contains((string?)n.Element(Dealer + "status")));
        Assert.Contains(pulled.Notifications, n => n.ReceiptId == (string?)decision.Element(Dealer + "receiptId") && n.Status == (string?)decision.Element(Dealer + "status"));
        Assert.StartsWith("OEM-WC-", (string?)decision.Element(Dealer + "oemReference"), StringComparison.Ordinal);
        Assert.Equal((string?)decision.Element(Dealer + "status"), (await service.GetDocumentStatusAsync(trackingId)).Status);
        var schema = await PublishedSchemaAsync();
        Assert.All(_dealerEndpoint.LogEntries, entry =>
        {
            Assert.Equal("\"urn:dms:dealer:v1/DealerCallback/NotifyDocumentStatus\"", entry.RequestMessage!.Headers!["SOAPAction"].Single());
            Contracts.AssertValid(schema, XDocument.Parse(entry.RequestMessage!.Body!).Root!.Elements().Last().Elements().Single());
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _simulator.DisposeAsync();
        await _hub.DisposeAsync();
        _dealerEndpoint.Stop();
        _dealerEndpoint.Dispose();
        _certificate.Dispose();
    }

    private IEnumerable<XElement> Callbacks() =>
        _dealerEndpoint.LogEntries.Select(e => XDocument.Parse(e.RequestMessage!.Body!).Descendants(Dealer + "notification").Single());

    private async Task<System.Xml.Schema.XmlSchemaSet> PublishedSchemaAsync()
    {
        using var http = _hub.Client();
        return Contracts.SchemaOf(XDocument.Parse(await http.GetStringAsync("/soap/DealerCallback.svc?wsdl")));
    }
}
