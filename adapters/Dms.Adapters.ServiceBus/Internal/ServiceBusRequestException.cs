using System.Net;

namespace Dms.Adapters.ServiceBus.Internal;

/// <summary>Service Bus refused or failed a request; the message names the operation and status, never a token.</summary>
internal sealed class ServiceBusRequestException(string operation, HttpStatusCode status)
    : Exception($"Service Bus {operation} answered {(int)status} {status}.")
{
    public HttpStatusCode Status { get; } = status;
}
