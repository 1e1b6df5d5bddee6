using System.ServiceModel;

namespace Dms.Testing.Soap.Contract;

[MessageContract(WrapperName = "AcknowledgeNotificationsResponse", WrapperNamespace = Ns.Dealer, IsWrapped = true)]
public sealed class AcknowledgeNotificationsResponse
{
    [MessageBodyMember(Name = "acknowledgeResult", Namespace = Ns.Dealer, Order = 0)]
    public AcknowledgeResult AcknowledgeResult { get; set; } = new();
}
