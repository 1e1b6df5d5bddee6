using System.ServiceModel;
using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

[MessageContract(WrapperName = "AcknowledgeNotifications", WrapperNamespace = Ns.Dealer, IsWrapped = true)]
public sealed class AcknowledgeNotificationsRequest
{
    public AcknowledgeNotificationsRequest()
    {
    }

    public AcknowledgeNotificationsRequest(string[] receiptIds) => ReceiptIds = receiptIds;

    [MessageBodyMember(Name = "receiptIds", Namespace = Ns.Dealer, Order = 0)]
    [XmlArrayItem("receiptId", IsNullable = false)]
    public string[] ReceiptIds { get; set; } = [];
}
