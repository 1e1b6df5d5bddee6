using Dms.Hub.Dealers;
using Dms.Hub.Intake;
using Dms.Hub.Workflow;

namespace Dms.Adapters.Soap.Internal;

/// <summary>The authenticated dealer of a SOAP request and the envelope it sent (kept for audit).</summary>
/// <param name="WantsTimestamp">The request carried a wsu:Timestamp, so the reply gets one (WCF clients using TransportWithMessageCredential refuse a reply without it).</param>
internal sealed record SoapCaller(Dealer Dealer, Actor Actor, ReceivedPayload Received, bool WantsTimestamp);
