namespace Dms.Functions.Tests;

/// <summary>A hub and its OEM stub shared by the tests of one class; each test makes its own dealers and VINs.</summary>
public class HubFixture(AzuriteFixture azurite) : IAsyncLifetime
{
    public OemStub Oem { get; } = new();

    public HubHost Hub { get; private set; } = null!;

    public AzuriteFixture Azurite => azurite;

    public async ValueTask InitializeAsync()
    {
        var settings = HubSettings.Defaults(azurite.ConnectionString, "t" + Guid.NewGuid().ToString("N")[..10], Oem.ClaimsUrl, Oem.RdrUrl, Oem.OrdersUrl, Oem.PartsUrl);
        Configure(settings);
        Hub = await HubHost.StartAsync(settings, services: ConfigureServices);
    }

    public virtual async ValueTask DisposeAsync()
    {
        await Hub.DisposeAsync();
        Oem.Dispose();
        GC.SuppressFinalize(this);
    }

    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    protected virtual void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
    }
}
