using Dms.Hub.Work;
using Dms.Testing.Transports;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Adapters.ServiceBus.Tests;

/// <summary>The shared transport contract, over the REST API with a shared access signature.</summary>
public sealed class ServiceBusTransportContractTests : WorkTransportContract, IDisposable
{
    private readonly ServiceBusFake _bus = new();
    private readonly ServiceProvider _services;

    public ServiceBusTransportContractTests() => (Transport, _services) = ServiceBusTransports.WithSharedKey(_bus);

    protected override IWorkTransport Transport { get; }

    /// <summary>A released message waits for its lock to lapse.</summary>
    protected override TimeSpan ReturnAfterRelease => _bus.LockDuration + TimeSpan.FromSeconds(1);

    protected override Task PrepareKindAsync(string kind)
    {
        _bus.CreateQueue("dms-" + kind);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _services.Dispose();
        _bus.Dispose();
    }
}
