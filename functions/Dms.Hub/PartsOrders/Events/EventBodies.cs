namespace Dms.Hub.PartsOrders.Events;

/// <summary>The typed parts of a parts order event (schemas/parts-order-event.v1.schema.json), read once it is schema-valid.</summary>
internal sealed record AcknowledgementBody(string? AcknowledgementId, IReadOnlyList<AckLine> Lines);

internal sealed record AckLine(int LineNumber, IReadOnlyList<AckAllocation> Allocations);

internal sealed record AckAllocation(
    string? Status, CodeRef? OemCode, int? Quantity, string? Depot, DateOnly? PromisedShipDate, DateOnly? ExpectedShipDate, string? PartNumber, string? ReasonCode);

internal sealed record CodeRef(string Scheme, string Code);

internal sealed record ShipNoticeBody(string ShipmentId, string? Carrier, string? TrackingNumber, DateOnly ShipDate, DateOnly? Eta, string? Depot, IReadOnlyList<ShipNoticeLine> Lines);

internal sealed record ShipNoticeLine(int LineNumber, string? PartNumber, int Quantity, bool? TagOn);

internal sealed record BackorderAnswer(int LineNumber, int? Quantity);

internal sealed record ResolutionBody(string DiscrepancyId, string Outcome, string? CreditMemo, DateOnly? PromisedShipDate, string? Note);

/// <summary>The canonical line statuses (X12 855 IA, IB, IR, IS, BP, IQ).</summary>
internal static class LineStatuses
{
    public const string Accepted = "Accepted";
    public const string Backordered = "Backordered";
    public const string Rejected = "Rejected";
    public const string Substituted = "Substituted";
    public const string PartialBackordered = "PartialBackordered";
    public const string QuantityChanged = "QuantityChanged";

    /// <summary>Statuses whose quantity is the accepted part and whose rest is backordered or cancelled.</summary>
    public static bool IsComposite(string status) => status is PartialBackordered or QuantityChanged;
}
