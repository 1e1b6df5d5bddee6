using System.Runtime.Serialization;

namespace Dms.Adapters.Soap.Contracts;

[CollectionDataContract(Namespace = SoapNamespaces.Dealer, Name = "notificationList", ItemName = "notification")]
public sealed class NotificationListXml : List<NotificationXml>;
