using Dms.Hub.Dealers;
using Dms.Hub.Intake;
using Dms.Hub.Workflow;
using Microsoft.AspNetCore.Http;

namespace Dms.Adapters.Soap.Internal;

/// <summary>The authenticated dealer of a SOAP request and the envelope it sent (kept for audit).</summary>
/// <param name="WantsTimestamp">The request carried a wsu:Timestamp, so the reply gets one (WCF message-credential clients require it; others reject a header they cannot understand).</param>
internal sealed record SoapCaller(Dealer Dealer, Actor Actor, ReceivedPayload Received, bool WantsTimestamp)
{
    private const string ItemKey = "dms.soap.caller";

    public static SoapCaller From(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var caller) && caller is SoapCaller soap
            ? soap
            : throw new InvalidOperationException("SOAP request reached the service without passing the gateway.");

    public static SoapCaller? Find(HttpContext? context) => context?.Items.TryGetValue(ItemKey, out var caller) == true ? caller as SoapCaller : null;

    public void Attach(HttpContext context) => context.Items[ItemKey] = this;
}
