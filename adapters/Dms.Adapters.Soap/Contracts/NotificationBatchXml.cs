using System.Runtime.Serialization;

namespace Dms.Adapters.Soap.Contracts;

[DataContract(Namespace = SoapNamespaces.Dealer, Name = "notificationBatch")]
public sealed class NotificationBatchXml
{
    [DataMember(Name = "notifications", Order = 1)]
    public NotificationListXml Notifications { get; set; } = [];
}
