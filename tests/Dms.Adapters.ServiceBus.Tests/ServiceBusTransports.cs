using Azure.Core;
using Dms.Hub.Work;
using Dms.Testing.Transports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Adapters.ServiceBus.Tests;

/// <summary>The service-bus transport as the hub builds it, pointed at a <see cref="ServiceBusFake"/>.</summary>
internal static class ServiceBusTransports
{
    public static (IWorkTransport Transport, ServiceProvider Services) WithSharedKey(ServiceBusFake bus, string? key = null) =>
        Build(new()
        {
            ["Dms:ServiceBus:ConnectionString"] = key is null ? bus.ConnectionString : bus.ConnectionString.Replace(ServiceBusFake.Key, key, StringComparison.Ordinal),
        }, null);

    public static (IWorkTransport Transport, ServiceProvider Services) WithManagedIdentity(ServiceBusFake bus, TokenCredential credential) =>
        Build(new() { ["Dms:ServiceBus:FullyQualifiedNamespace"] = bus.Url }, credential);

    private static (IWorkTransport, ServiceProvider) Build(Dictionary<string, string?> settings, TokenCredential? credential)
    {
        settings["Dms:ServiceBus:ReceiveWaitSeconds"] = "1";
        settings["Dms:ServiceBus:TimeoutSeconds"] = "5";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System).AddServiceBusAdapter(configuration, credential).BuildServiceProvider();
        return (services.GetRequiredKeyedService<IWorkTransport>("service-bus"), services);
    }
}

/// <summary>Hands out a fixed bearer token and counts how often it was asked.</summary>
internal sealed class StaticTokenCredential(string token) : TokenCredential
{
    private int _calls;

    public int Calls => _calls;

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        Assert.Equal(["https://servicebus.azure.net/.default"], requestContext.Scopes);
        return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
