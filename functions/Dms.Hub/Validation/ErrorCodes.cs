namespace Dms.Hub.Validation;

/// <summary>Stable, machine-readable error codes. Business codes are seeded from DOMAIN.md (X12 claim responses).</summary>
public static class ErrorCodes
{
    // Request shape
    public const string MalformedJson = "MALFORMED_JSON";
    public const string Required = "REQUIRED";
    public const string UnknownField = "UNKNOWN_FIELD";
    public const string InvalidType = "INVALID_TYPE";
    public const string InvalidFormat = "INVALID_FORMAT";
    public const string InvalidLength = "INVALID_LENGTH";
    public const string InvalidValue = "INVALID_VALUE";
    public const string OutOfRange = "OUT_OF_RANGE";
    public const string DuplicateItems = "DUPLICATE_ITEMS";
    public const string SchemaViolation = "SCHEMA_VIOLATION";

    /// <summary>A number no field can hold: beyond 64-bit integers or doubles, too small, or more than 28 significant digits.</summary>
    public const string UnsupportedNumber = "UNSUPPORTED_NUMBER";

    // Warranty claims
    public const string InvalidVin = "INVALID_VIN";
    public const string ExpiredWarranty = "EXPIRED_WARRANTY";
    public const string NoWarrantyRecord = "NO_WARRANTY_RECORD";
    public const string DuplicateClaim = "DUPLICATE_CLAIM";
    public const string ExcessiveLaborHours = "EXCESSIVE_LABOR_HOURS";
    public const string ExcessiveLaborRate = "EXCESSIVE_LABOR_RATE";
    public const string UnknownLaborOperation = "UNKNOWN_LABOR_OPERATION";
    public const string SubmittedTooLate = "SUBMITTED_TOO_LATE";
    public const string MissingPartNumber = "MISSING_PART_NUMBER";
    public const string MainPartMissing = "MAIN_PART_MISSING";
    public const string MultipleMainParts = "MULTIPLE_MAIN_PARTS";
    public const string UnauthorizedRepair = "UNAUTHORIZED_REPAIR";
    public const string AmountExceedsAuthorization = "AMOUNT_EXCEEDS_AUTHORIZATION";
    public const string CurrencyMismatch = "CURRENCY_MISMATCH";
    public const string ClaimedTotalMismatch = "CLAIMED_TOTAL_MISMATCH";
    public const string InvalidDateRange = "INVALID_DATE_RANGE";
    public const string DateInFuture = "DATE_IN_FUTURE";
    public const string ClaimNumberMismatch = "CLAIM_NUMBER_MISMATCH";
    public const string MissingEventData = "MISSING_EVENT_DATA";

    // Retail delivery reports
    public const string DeliveryDateInFuture = "DELIVERY_DATE_IN_FUTURE";
    public const string SaleAfterDelivery = "SALE_AFTER_DELIVERY";
    public const string VinAlreadyRetailed = "VIN_ALREADY_RETAILED";
    public const string UnwindSameDay = "UNWIND_SAME_DAY";
    public const string DuplicateDocument = "DUPLICATE_DOCUMENT";

    // Vehicle orders
    public const string DuplicateOrder = "DUPLICATE_ORDER";
    public const string UnknownModel = "UNKNOWN_MODEL";
    public const string ModelNotOffered = "MODEL_NOT_OFFERED";
    public const string ModelYearNotOffered = "MODEL_YEAR_NOT_OFFERED";
    public const string InvalidTrim = "INVALID_TRIM";
    public const string InvalidExteriorColor = "INVALID_EXTERIOR_COLOR";
    public const string InvalidInteriorColor = "INVALID_INTERIOR_COLOR";
    public const string UnknownOption = "UNKNOWN_OPTION";
    public const string OptionRequires = "OPTION_REQUIRES";
    public const string OptionExcluded = "OPTION_EXCLUDED";
    public const string OptionGroupConflict = "OPTION_GROUP_CONFLICT";
    public const string OptionGroupRequired = "OPTION_GROUP_REQUIRED";
    public const string CustomerReferenceRequired = "CUSTOMER_REFERENCE_REQUIRED";
    public const string FleetAccountRequired = "FLEET_ACCOUNT_REQUIRED";
    public const string PriorityOutOfRange = "PRIORITY_OUT_OF_RANGE";
    public const string DeliveryWindowInPast = "DELIVERY_WINDOW_IN_PAST";
    public const string AllocationPeriodClosed = "ALLOCATION_PERIOD_CLOSED";
    public const string AllocationExceeded = "ALLOCATION_EXCEEDED";
    public const string OrderNumberMismatch = "ORDER_NUMBER_MISMATCH";
    public const string AmendmentEmpty = "AMENDMENT_EMPTY";
    public const string ChangePending = "CHANGE_PENDING";
    public const string VinAlreadyAssigned = "VIN_ALREADY_ASSIGNED";
}
