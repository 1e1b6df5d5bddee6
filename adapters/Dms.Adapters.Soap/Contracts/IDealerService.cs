using System.ServiceModel;

namespace Dms.Adapters.Soap.Contracts;

/// <summary>
/// The dealer service (SOAP 1.1, document/literal). Business errors come back in the <see cref="Acknowledgement"/>,
/// never as faults; faults mean authentication failed or the message could not be read.
/// </summary>
[ServiceContract(Namespace = SoapNamespaces.Dealer, Name = "DealerService")]
public interface IDealerService
{
    [OperationContract(Name = "SubmitWarrantyClaim")]
    Task<Acknowledgement> SubmitWarrantyClaimAsync(WarrantyClaimXml claim);

    [OperationContract(Name = "ResubmitWarrantyClaim")]
    Task<Acknowledgement> ResubmitWarrantyClaimAsync(string trackingId, WarrantyClaimXml claim);

    [OperationContract(Name = "CancelWarrantyClaim")]
    Task<Acknowledgement> CancelWarrantyClaimAsync(DocumentCommandXml command);

    [OperationContract(Name = "AppealWarrantyClaim")]
    Task<Acknowledgement> AppealWarrantyClaimAsync(DocumentCommandXml command);

    [OperationContract(Name = "SubmitRetailDeliveryReport")]
    Task<Acknowledgement> SubmitRetailDeliveryReportAsync(RetailDeliveryReportXml report);

    [OperationContract(Name = "UnwindRetailDeliveryReport")]
    Task<Acknowledgement> UnwindRetailDeliveryReportAsync(DocumentCommandXml command);

    [OperationContract(Name = "GetDocumentStatus")]
    Task<DocumentStatusXml> GetDocumentStatusAsync(string trackingId);

    [OperationContract(Name = "PullNotifications")]
    Task<NotificationBatchXml> PullNotificationsAsync(PullNotificationsXml request);

    [OperationContract(Name = "AcknowledgeNotifications")]
    Task<AcknowledgeResultXml> AcknowledgeNotificationsAsync(StringListXml receiptIds);
}
