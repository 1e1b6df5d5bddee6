using Dms.Adapters.AzureStorage.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Adapters.AzureStorage.Tests;

/// <summary>The adapter's services over fresh tables in Azurite.</summary>
public sealed class StoreFixture(AzuriteFixture azurite) : IAsyncLifetime
{
    private ServiceProvider _services = null!;

    public IServiceProvider Services => _services;

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public async ValueTask InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dms:Storage:ConnectionString"] = azurite.ConnectionString,
            ["Dms:Storage:TablePrefix"] = "s" + Guid.NewGuid().ToString("N")[..10],
            ["Dms:Storage:ShardCount"] = "3",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        services.AddAzureStorageAdapter(configuration);
        _services = services.BuildServiceProvider();
        foreach (var table in Get<TableSet>().All)
        {
            await table.CreateIfNotExistsAsync();
        }
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
