using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Dms.Adapters.Soap.Tests;

/// <summary>A hub serving HTTP and HTTPS, an OEM stub, and helpers to register SOAP dealers.</summary>
public class SoapHubFixture(AzuriteFixture azurite) : IAsyncLifetime
{
    public X509Certificate2 Certificate { get; } = TestCertificates.Localhost();

    public OemStub Oem { get; } = new();

    public HubHost Hub { get; private set; } = null!;

    public string SoapUrl => Hub.BaseAddress + "soap/DealerService.svc";

    public string SecureSoapUrl => Hub.HttpsAddress + "soap/DealerService.svc";

    public async ValueTask InitializeAsync()
    {
        var settings = HubSettings.Defaults(azurite.ConnectionString, "w" + Guid.NewGuid().ToString("N")[..10], Oem.ClaimsUrl, Oem.RdrUrl);
        Configure(settings);
        Hub = await HubHost.StartAsync(settings, https: Certificate);
    }

    /// <summary>
    /// The brand of demo dealer D001, whose token the sample envelopes carry: the schema examples are its documents
    /// (its vehicle orders are for its brand's models), so a dealer that sends them has this brand.
    /// </summary>
    public const string ExampleBrand = "Borealis";

    /// <summary>A dealer with a SOAP password (and its REST key, for cross-checks); the test dealers' brand unless given.</summary>
    public async Task<SoapDealer> CreateDealerAsync(string channel = "mailbox", string? callbackUrl = null, string? brand = null)
    {
        var dealer = brand is null
            ? await Hub.CreateDealerAsync(channel: channel, callbackUrl: callbackUrl)
            : await Hub.CreateDealerAsync(channel: channel, callbackUrl: callbackUrl, brand: brand);
        using var admin = Hub.Client(HubSettings.AdminKey);
        using var response = await admin.PostAsync($"/api/v1/admin/dealers/{dealer.Code}/soap-secret", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new SoapDealer(dealer.Code, (await response.ReadJsonAsync())["soapSecret"]!.GetValue<string>(), dealer.ApiKey);
    }

    public async ValueTask DisposeAsync()
    {
        await Hub.DisposeAsync();
        Oem.Dispose();
        Certificate.Dispose();
        GC.SuppressFinalize(this);
    }

    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    public static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();
}
