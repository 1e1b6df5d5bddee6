using Dms.Hub.PartsOrders.Lines;
using static Dms.Hub.PartsOrders.PartsOrderStates;

namespace Dms.Hub.PartsOrders.Events;

/// <summary>The status an order's buckets imply (see <see cref="PartsOrderStates"/>), and the depot's overall answer.</summary>
internal static class OrderStatus
{
    public const string ByDealer = "dealer";
    public const string ByOem = "oem";

    public static string Derive(OrderState state, string current)
    {
        if (IsClosed(current))
        {
            return current;
        }

        var t = state.Totals;
        var open = t.Unacknowledged + t.Accepted + t.Backordered + t.Substituted;
        var moved = t.Shipped + t.Received + t.Discrepant + t.Credited;
        if (moved == 0)
        {
            return open > 0 ? (state.Acknowledgements.Count == 0 ? Submitted : Acknowledged)
                : state.Lines.SelectMany(l => l.Cancellations).Any(c => c.By == ByDealer) ? Cancelled : Rejected;
        }

        return open > 0 ? PartiallyShipped : t.Shipped > 0 ? Shipped : Received;
    }

    /// <summary>Full: every open unit accepted or substituted; Rejected: every unit cancelled; Partial otherwise.</summary>
    public static string AckKind(OrderState state)
    {
        var t = state.Totals;
        return t.Cancelled == t.Total ? "Rejected"
            : t.Unacknowledged == 0 && t.Backordered == 0 && t.Cancelled == 0 ? "Full"
            : "Partial";
    }
}
