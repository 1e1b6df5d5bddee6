using System.ServiceModel;

namespace Dms.Adapters.Soap.Contracts;

/// <summary>
/// The contract a dealer implements to receive status changes by SOAP (its WSDL is published at
/// <c>/soap/DealerCallback.svc?wsdl</c>). The hub calls it for dealers whose notification channel is <c>soap</c>.
/// </summary>
[ServiceContract(Namespace = SoapNamespaces.Callback, Name = "DealerCallback")]
public interface IDealerCallback
{
    [OperationContract(Name = "NotifyDocumentStatus")]
    Task<NotifyResultXml> NotifyDocumentStatusAsync(NotificationXml notification);
}
