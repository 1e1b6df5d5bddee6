using Dms.Hub.Work;
using Dms.Testing.Transports;

namespace Dms.Hub.Tests.Work;

public sealed class EmbeddedTransportContractTests : WorkTransportContract
{
    protected override IWorkTransport Transport { get; } = new EmbeddedWorkTransport(TimeProvider.System);
}
