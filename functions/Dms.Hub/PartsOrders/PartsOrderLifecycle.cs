using Dms.Hub.Registry;
using static Dms.Hub.PartsOrders.PartsOrderStates;

namespace Dms.Hub.PartsOrders;

/// <summary>
/// Submitted → Acknowledged (full / partial) | Rejected → PartiallyShipped → Shipped → Received; Cancelled. OEM events
/// move the order to the status its buckets imply (the trigger is that status); a discrepancy resolved by a reship
/// takes a received order back to PartiallyShipped. Dealer commands: cancel (before the acknowledgement), cancel
/// backordered quantities (a request the depot answers), and receipts (which may report discrepancies to the OEM).
/// </summary>
public static class PartsOrderLifecycle
{
    public const string SubmittedMessage = "PartsOrderSubmitted";
    public const string CancelledMessage = "PartsOrderCancelled";
    public const string BackorderCancelRequestedMessage = "PartsOrderBackorderCancelRequested";
    public const string DiscrepancyReportedMessage = "PartsOrderDiscrepancyReported";

    public const string Cancel = "Cancel";
    public const string RequestBackorderCancel = "RequestBackorderCancel";

    /// <summary>A receipt that leaves the status as it is, or the final one (the order is Received); with or without discrepancies.</summary>
    public const string Receipt = "Receipt";
    public const string FinalReceipt = "FinalReceipt";
    public const string ReceiptWithDiscrepancies = "ReceiptWithDiscrepancies";
    public const string FinalReceiptWithDiscrepancies = "FinalReceiptWithDiscrepancies";

    /// <summary>Statuses in which backordered units can exist.</summary>
    public static IReadOnlyList<string> WithBackorders { get; } = [Acknowledged, PartiallyShipped];

    public static StateMachine Machine { get; } = new(Submitted, Transitions());

    private static IEnumerable<Transition> Transitions()
    {
        // The depot's events: acknowledgements, ship notices, resolutions and backorder answers move the order to
        // whatever its buckets imply (a reship takes a received order back to PartiallyShipped).
        string[] afterAck = [Acknowledged, PartiallyShipped, Shipped, Received];
        foreach (var from in afterAck)
        {
            foreach (var to in afterAck.Skip(1).Where(to => to != from))
            {
                yield return new(from, to, to);
            }
        }

        yield return new(Submitted, Acknowledged, Acknowledged);
        foreach (var from in new[] { Submitted, Acknowledged })
        {
            yield return new(from, Rejected, Rejected);
            yield return new(from, Cancelled, Cancelled);
        }

        yield return new(Submitted, Cancel, Cancelled, CancelledMessage);
        yield return new(Submitted, Triggers.DeliveryRejected, Rejected);
        foreach (var from in WithBackorders)
        {
            yield return new(from, RequestBackorderCancel, from, BackorderCancelRequestedMessage);
        }

        foreach (var from in new[] { PartiallyShipped, Shipped })
        {
            yield return new(from, Receipt, from);
            yield return new(from, ReceiptWithDiscrepancies, from, DiscrepancyReportedMessage);
        }

        yield return new(Shipped, FinalReceipt, Received);
        yield return new(Shipped, FinalReceiptWithDiscrepancies, Received, DiscrepancyReportedMessage);
    }
}
