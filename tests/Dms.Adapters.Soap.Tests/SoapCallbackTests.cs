using System.Collections.Concurrent;
using Dms.Adapters.Soap.Contracts;
using Dms.Testing.Soap;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SoapCore;

namespace Dms.Adapters.Soap.Tests;

/// <summary>
/// A claim sent over SOAP and decided by the OEM simulator (the real program, in its own process) reaches the dealer
/// twice: as a SOAP callback to the dealer's own endpoint, and in the mailbox it pulls.
/// </summary>
public sealed class SoapCallbackTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly string[] Decisions = ["Approved", "PartiallyApproved", "Denied", "PendingInformation"];
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _certificate = TestCertificates.Localhost();
    private readonly RecordingCallback _callback = new();
    private readonly int _simulatorPort = ChildProcess.FreePort();
    private WebApplication _dealerEndpoint = null!;
    private HubHost _hub = null!;
    private ChildProcess _simulator = null!;

    public async ValueTask InitializeAsync()
    {
        _dealerEndpoint = await StartDealerEndpointAsync(_callback);
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
    public async Task ClaimOverSoap_DecidedBySimulator_ReachesDealerByCallbackAndByPull()
    {
        var callbackUrl = _dealerEndpoint.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/callback.svc";
        var code = (await _hub.CreateDealerAsync(channel: "soap", callbackUrl: callbackUrl)).Code;
        using var admin = _hub.Client(HubSettings.AdminKey);
        var secret = (await (await admin.PostAsync($"/api/v1/admin/dealers/{code}/soap-secret", null)).ReadJsonAsync())["soapSecret"]!.GetValue<string>();
        var service = SoapClients.PasswordText(_hub.HttpsAddress + "soap/DealerService.svc", code, secret).CreateChannel();
        var vin = TestDocuments.NewVin();
        Assert.Equal("Accepted", (await service.SubmitRetailDeliveryReportAsync(XmlDocuments.Rdr(vin))).Outcome);

        var trackingId = (await service.SubmitWarrantyClaimAsync(XmlDocuments.Claim(vin))).TrackingId!;

        var pushed = await Eventually.GetAsync(() => Task.FromResult(_callback.Received.Where(n => n.TrackingId == trackingId).ToList()),
            n => n.Any(x => Decisions.Contains(x.Status)), TimeSpan.FromSeconds(45), "decision called back");
        var pulled = await service.PullNotificationsAsync(new PullNotificationsXml { MaxItems = 50 });
        Assert.Equal("Accepted", pushed[0].Status);
        var decision = pushed.Single(n => Decisions.Contains(n.Status));
        Assert.Contains(pulled.Notifications, n => n.ReceiptId == decision.ReceiptId && n.Status == decision.Status);
        Assert.StartsWith("OEM-WC-", decision.OemReference, StringComparison.Ordinal);
        Assert.Equal(decision.Status, (await service.GetDocumentStatusAsync(trackingId)).Status);
    }

    public async ValueTask DisposeAsync()
    {
        await _simulator.DisposeAsync();
        await _hub.DisposeAsync();
        await _dealerEndpoint.StopAsync();
        await _dealerEndpoint.DisposeAsync();
        _certificate.Dispose();
    }

    private static async Task<WebApplication> StartDealerEndpointAsync(RecordingCallback callback)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSoapCore();
        builder.Services.AddSingleton<IDealerCallback>(callback);
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        ((IApplicationBuilder)app).UseSoapEndpoint<IDealerCallback>("/callback.svc", new SoapEncoderOptions(), SoapSerializer.DataContractSerializer);
        await app.StartAsync();
        return app;
    }

    /// <summary>A dealer's SOAP endpoint, as a legacy DMS would implement the published callback WSDL.</summary>
    private sealed class RecordingCallback : IDealerCallback
    {
        public ConcurrentQueue<NotificationXml> Received { get; } = new();

        public Task<NotifyResultXml> NotifyDocumentStatusAsync(NotificationXml notification)
        {
            Received.Enqueue(notification);
            return Task.FromResult(new NotifyResultXml { Received = true });
        }
    }
}
