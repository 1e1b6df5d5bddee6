namespace Dms.Hub.PartsOrders;

/// <summary>
/// The states of a parts order (DOMAIN.md §3). After submission the status follows from the line buckets: nothing
/// shipped yet → Acknowledged; some shipped, some still with the depot → PartiallyShipped; everything shipped, some
/// in transit → Shipped; nothing left with the depot or in transit → Received. OnHold and CreditHold are overlays.
/// </summary>
public static class PartsOrderStates
{
    public const string Submitted = "Submitted";
    public const string Acknowledged = "Acknowledged";
    public const string PartiallyShipped = "PartiallyShipped";
    public const string Shipped = "Shipped";
    public const string Received = "Received";
    public const string Rejected = "Rejected";
    public const string Cancelled = "Cancelled";

    /// <summary>Overlays (orthogonal to the status).</summary>
    public const string HoldOverlay = "OnHold";
    public const string CreditHoldOverlay = "CreditHold";

    public static IReadOnlyList<string> Progress { get; } = [Submitted, Acknowledged, PartiallyShipped, Shipped, Received];

    public static bool IsClosed(string status) => status is Rejected or Cancelled;
}
