namespace Dms.Adapters.ServiceBus.Internal;

/// <summary>Produces the <c>Authorization</c> header value for requests to the namespace.</summary>
internal interface IServiceBusToken
{
    ValueTask<string> GetAsync(CancellationToken cancellationToken);
}
