using Dms.Adapters.Soap.Contracts;

namespace Dms.Adapters.Soap.Internal;

/// <summary>Hosts the callback contract only so its WSDL can be published; calls never reach it (the gateway answers 405).</summary>
internal sealed class CallbackContractEndpoint : IDealerCallback
{
    public Task<NotifyResultXml> NotifyDocumentStatusAsync(NotificationXml notification) =>
        throw new NotSupportedException("The callback contract is implemented by dealers.");
}
