using Dms.Hub.Work;
using Dms.Testing.Transports;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Adapters.AzureStorage.Tests;

/// <summary>The storage-queue work transport against Azurite's queue service.</summary>
public sealed class StorageQueueTransportContractTests(StoreFixture fixture) : WorkTransportContract, IClassFixture<StoreFixture>
{
    protected override IWorkTransport Transport => fixture.Services.GetRequiredKeyedService<IWorkTransport>("storage-queue");
}
