using Dms.Adapters.AzureStorage;
using Dms.Adapters.Rest;
using Dms.Hub;
using Dms.Hub.Dealers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dms.Console.Tests.Insights;

/// <summary>
/// A hub's services over Azurite without its HTTP surface or background loops (the read-model tests drive the projector,
/// import and rebuild themselves): tables created under <c>prefix</c>, the dealers registered. OEM URLs point nowhere.
/// </summary>
internal static class StoreServices
{
    public static async Task<ServiceProvider> StartAsync(string connectionString, string prefix, IEnumerable<Dealer> dealers, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = HubSettings.Defaults(connectionString, prefix, "http://127.0.0.1:9/oem", "http://127.0.0.1:9/hq", "http://127.0.0.1:9/orders", "http://127.0.0.1:9/parts");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var services = new ServiceCollection().AddLogging().AddMetrics();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        services.AddDmsHub(configuration).AddAzureStorageAdapter(configuration).AddRestAdapter(configuration);
        var provider = services.BuildServiceProvider();
        var initializer = provider.GetServices<IHostedService>().OfType<BackgroundService>().Single(s => s.GetType().Name == "StorageInitializer");
        await initializer.StartAsync(CancellationToken.None);
        await initializer.ExecuteTask!;
        foreach (var dealer in dealers)
        {
            await provider.GetRequiredService<IDealerStore>().UpsertAsync(dealer, CancellationToken.None);
        }

        return provider;
    }
}
