using System.ServiceModel;

namespace Dms.Testing.Soap.Contract;

/// <summary>
/// The dealer service as <c>dotnet-svcutil --serializer XmlSerializer</c> renders the published WSDL (portType
/// DealerService, document/literal wrapped, unwrapped into parameters), written by hand because svcutil is not
/// available here. It shares nothing with the service: a WCF test that passes proves the WSDL, not our classes.
/// </summary>
[ServiceContract(Namespace = Ns.Dealer, ConfigurationName = "DealerService")]
[XmlSerializerFormat(SupportFaults = true)]
public interface IDealerService
{
    [OperationContract(Action = Ns.Actions + "SubmitWarrantyClaim", ReplyAction = "*")]
    [return: MessageParameter(Name = "acknowledgement")]
    Task<Acknowledgement> SubmitWarrantyClaimAsync(WarrantyClaim warrantyClaim);

    [OperationContract(Action = Ns.Actions + "CancelWarrantyClaim", ReplyAction = "*")]
    [return: MessageParameter(Name = "acknowledgement")]
    Task<Acknowledgement> CancelWarrantyClaimAsync(string trackingId, string? commandId, DocumentCommand documentCommand);

    [OperationContract(Action = Ns.Actions + "ResubmitWarrantyClaim", ReplyAction = "*")]
    [return: MessageParameter(Name = "acknowledgement")]
    Task<Acknowledgement> ResubmitWarrantyClaimAsync(string trackingId, string? commandId, WarrantyClaim warrantyClaim);

    [OperationContract(Action = Ns.Actions + "AppealWarrantyClaim", ReplyAction = "*")]
    [return: MessageParameter(Name = "acknowledgement")]
    Task<Acknowledgement> AppealWarrantyClaimAsync(string trackingId, string? commandId, DocumentCommand documentCommand);

    [OperationContract(Action = Ns.Actions + "SubmitRetailDeliveryReport", ReplyAction = "*")]
    [return: MessageParameter(Name = "acknowledgement")]
    Task<Acknowledgement> SubmitRetailDeliveryReportAsync(RetailDeliveryReport retailDeliveryReport);

    [OperationContract(Action = Ns.Actions + "UnwindRetailDeliveryReport", ReplyAction = "*")]
    [return: MessageParameter(Name = "acknowledgement")]
    Task<Acknowledgement> UnwindRetailDeliveryReportAsync(string trackingId, string? commandId, DocumentCommand documentCommand);

    [OperationContract(Action = Ns.Actions + "SubmitVehicleOrder", ReplyAction = "*")]
    [return: MessageParameter(Name = "acknowledgement")]
    Task<Acknowledgement> SubmitVehicleOrderAsync(VehicleOrder vehicleOrder);

    [OperationContract(Action = Ns.Actions + "CancelVehicleOrder", ReplyAction = "*")]
    [return: MessageParameter(Name = "acknowledgement")]
    Task<Acknowledgement> CancelVehicleOrderAsync(string trackingId, string? commandId, DocumentCommand documentCommand);

    [OperationContract(Action = Ns.Actions + "AmendVehicleOrder", ReplyAction = "*")]
    [return: MessageParameter(Name = "acknowledgement")]
    Task<Acknowledgement> AmendVehicleOrderAsync(string trackingId, string? commandId, VehicleOrderAmendment vehicleOrderAmendment);

    [OperationContract(Action = Ns.Actions + "ResubmitVehicleOrder", ReplyAction = "*")]
    [return: MessageParameter(Name = "acknowledgement")]
    Task<Acknowledgement> ResubmitVehicleOrderAsync(string trackingId, string? commandId, VehicleOrder vehicleOrder);

    [OperationContract(Action = Ns.Actions + "SubmitPartsOrder", ReplyAction = "*")]
    [return: MessageParameter(Name = "acknowledgement")]
    Task<Acknowledgement> SubmitPartsOrderAsync(PartsOrder partsOrder);

    [OperationContract(Action = Ns.Actions + "CancelPartsOrder", ReplyAction = "*")]
    [return: MessageParameter(Name = "acknowledgement")]
    Task<Acknowledgement> CancelPartsOrderAsync(string trackingId, string? commandId, DocumentCommand documentCommand);

    [OperationContract(Action = Ns.Actions + "ReceivePartsOrderShipment", ReplyAction = "*")]
    [return: MessageParameter(Name = "acknowledgement")]
    Task<Acknowledgement> ReceivePartsOrderShipmentAsync(string trackingId, string? commandId, PartsOrderReceipt partsOrderReceipt);

    [OperationContract(Action = Ns.Actions + "ConfirmPartsOrderSuggestion", ReplyAction = "*")]
    [return: MessageParameter(Name = "result")]
    Task<ConfirmPartsOrderSuggestionResult> ConfirmPartsOrderSuggestionAsync(string suggestionId, PartsOrderSuggestionConfirmation? partsOrderSuggestionConfirmation);

    [OperationContract(Action = Ns.Actions + "RequestPartsOrderSuggestion", ReplyAction = "*")]
    [return: MessageParameter(Name = "result")]
    Task<RequestPartsOrderSuggestionResult> RequestPartsOrderSuggestionAsync(PartsOrderSuggestionRequest? partsOrderSuggestionRequest);

    [OperationContract(Action = Ns.Actions + "SubmitPartsInventory", ReplyAction = "*")]
    [return: MessageParameter(Name = "result")]
    Task<SubmitPartsInventoryResult> SubmitPartsInventoryAsync(PartsInventory partsInventory);

    [OperationContract(Action = Ns.Actions + "GetDocumentStatus", ReplyAction = "*")]
    [return: MessageParameter(Name = "documentStatus")]
    Task<DocumentStatus> GetDocumentStatusAsync(string trackingId);

    [OperationContract(Action = Ns.Actions + "PullNotifications", ReplyAction = "*")]
    [return: MessageParameter(Name = "notificationBatch")]
    Task<NotificationBatch> PullNotificationsAsync(int? maxItems, string? documentType, DateTime? since);

    // A wrapped list parameter cannot be unwrapped into a plain argument, so svcutil emits message contracts here.
    [OperationContract(Action = Ns.Actions + "AcknowledgeNotifications", ReplyAction = "*")]
    Task<AcknowledgeNotificationsResponse> AcknowledgeNotificationsAsync(AcknowledgeNotificationsRequest request);
}
