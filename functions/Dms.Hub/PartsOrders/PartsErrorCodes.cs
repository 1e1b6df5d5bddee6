namespace Dms.Hub.PartsOrders;

/// <summary>Stable error codes of parts orders, inventory snapshots and suggestions.</summary>
public static class PartsErrorCodes
{
    // Orders (rules)
    public const string UnknownPart = "UNKNOWN_PART";
    public const string PartDiscontinued = "PART_DISCONTINUED";
    public const string PartSuperseded = "PART_SUPERSEDED";
    public const string PackSizeMultiple = "PACK_SIZE_MULTIPLE";
    public const string UnitOfMeasureMismatch = "UNIT_OF_MEASURE_MISMATCH";
    public const string DuplicateLineNumber = "DUPLICATE_LINE_NUMBER";
    public const string DuplicatePart = "DUPLICATE_PART";
    public const string VorTooManyLines = "VOR_TOO_MANY_LINES";
    public const string VinRequired = "VIN_REQUIRED";
    public const string RepairOrderRequired = "REPAIR_ORDER_REQUIRED";
    public const string CampaignCodeRequired = "CAMPAIGN_CODE_REQUIRED";
    public const string ShipDateInPast = "REQUESTED_SHIP_DATE_IN_PAST";

    // OEM events
    public const string UnknownLine = "UNKNOWN_LINE";
    public const string AckQuantityMismatch = "ACK_QUANTITY_MISMATCH";
    public const string AllocationAmbiguous = "ALLOCATION_AMBIGUOUS";
    public const string AllocationIncomplete = "ALLOCATION_INCOMPLETE";
    public const string LineStatusRequired = "LINE_STATUS_REQUIRED";
    public const string ShipExceedsAccepted = "SHIP_EXCEEDS_ACCEPTED";
    public const string ShipmentIdReused = "SHIPMENT_ID_REUSED";
    public const string DuplicateShipmentLine = "DUPLICATE_SHIPMENT_LINE";
    public const string WrongPartShipped = "WRONG_PART_SHIPPED";
    public const string UnknownDiscrepancy = "UNKNOWN_DISCREPANCY";
    public const string ResolutionNotAllowed = "RESOLUTION_NOT_ALLOWED";
    public const string NoBackorderCancelPending = "NO_BACKORDER_CANCEL_PENDING";
    public const string BackorderExceeded = "BACKORDER_EXCEEDED";
    public const string AlreadyShipped = "ALREADY_SHIPPED";
    public const string BackorderNotAllowed = "BACKORDER_NOT_ALLOWED";
    public const string SubstitutionNotAllowed = "SUBSTITUTION_NOT_ALLOWED";

    // Dealer commands
    public const string UnknownShipment = "UNKNOWN_SHIPMENT";
    public const string UnknownShipmentLine = "UNKNOWN_SHIPMENT_LINE";
    public const string ReceiptAlreadyRecorded = "RECEIPT_ALREADY_RECORDED";
    public const string ReceiptQuantityMismatch = "RECEIPT_QUANTITY_MISMATCH";
    public const string ReceivedBeforeShipped = "RECEIVED_BEFORE_SHIPPED";
    public const string ReceivedInFuture = "RECEIVED_IN_FUTURE";
    public const string DiscrepancyWindowClosed = "DISCREPANCY_WINDOW_CLOSED";
    public const string PartNumberReceivedRequired = "PART_NUMBER_RECEIVED_REQUIRED";
    public const string NothingBackordered = "NOTHING_BACKORDERED";

    // Inventory and suggestions
    public const string InventorySequenceGap = "INVENTORY_SEQUENCE_GAP";
    public const string SnapshotIdReused = "SNAPSHOT_ID_REUSED";
    public const string PreviousSnapshotRequired = "PREVIOUS_SNAPSHOT_REQUIRED";
    public const string DemandHistoryMismatch = "DEMAND_HISTORY_MISMATCH";
    public const string RemovedPartsInFull = "REMOVED_PARTS_IN_FULL_SNAPSHOT";
    public const string NoInventory = "NO_INVENTORY";
    public const string SuggestionExpired = "SUGGESTION_EXPIRED";
    public const string SuggestionEmpty = "SUGGESTION_EMPTY";
}
