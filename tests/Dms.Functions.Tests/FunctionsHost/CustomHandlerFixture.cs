using Dms.Testing.Transports;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Dms.Functions.Tests.FunctionsHost;

/// <summary>
/// The hub started as the Functions host starts a custom handler (FUNCTIONS_CUSTOMHANDLER_PORT), with Service Bus as
/// its transport (WireMock playing the REST API) and Azurite as storage. Tests play the host with <see cref="Driver"/>.
/// </summary>
public sealed class CustomHandlerFixture(AzuriteFixture azurite) : IAsyncLifetime
{
    public static readonly string[] Kinds = ["route", "deliver", "notify", "effect", "timer", "batch"];
    private HttpClient? _host;

    public OemStub Oem { get; } = new();

    public ServiceBusFake Bus { get; } = new();

    public HubProcess Hub { get; private set; } = null!;

    public FunctionsHostDriver Driver { get; private set; } = null!;

    public string WebhookUrl => Oem.Url + "/hooks";

    public async ValueTask InitializeAsync()
    {
        foreach (var kind in Kinds)
        {
            Bus.CreateQueue("dms-" + kind);
        }

        Oem.Server.Given(Request.Create().WithPath("/hooks").UsingPost()).RespondWith(Response.Create().WithStatusCode(204));
        var settings = HubSettings.Defaults(azurite.ConnectionString, "f" + Guid.NewGuid().ToString("N")[..10], Oem.ClaimsUrl, Oem.RdrUrl);
        settings["Dms:Work:Transport"] = "service-bus";
        settings["Dms:ServiceBus:ConnectionString"] = Bus.ConnectionString;
        settings["Dms:Work:RecoveryGraceSeconds"] = "1";
        settings["Dms:Soap:AllowedHosts:0"] = "dms.example.com";
        // Long enough that a failed attempt's redelivery finds the item not yet due.
        settings["Dms:Routing:Destinations:oem:Retry:BaseDelayMilliseconds"] = "3000";
        settings["Dms:Routing:Destinations:oem:Retry:MaxDelaySeconds"] = "4";
        Hub = await HubProcess.StartAsync(settings, asCustomHandler: true);
        _host = Hub.Client();
        Driver = new FunctionsHostDriver(_host, Bus);
    }

    public async ValueTask DisposeAsync()
    {
        _host?.Dispose();
        await Hub.DisposeAsync();
        Bus.Dispose();
        Oem.Dispose();
    }
}
