using System.Globalization;
using Dms.Hub.PartsOrders.Lines;
using Dms.Hub.Registry;
using Dms.Hub.Workflow;

namespace Dms.Hub.PartsOrders;

/// <summary>
/// What dealers (and operators, across dealers) list and filter parts orders by. <c>ackOverdue</c> turns true by
/// itself when the acknowledgement due time passes: its timer re-commits the order then.
/// </summary>
internal static class PartsOrderFields
{
    public static IReadOnlyList<SummaryField> For(PartsOrderType type, TimeProvider clock) =>
    [
        new("orderType", SummaryFieldKind.Text, "Stock, VOR, Emergency, Campaign or Special.", o => o.Body["orderType"]?.GetValue<string>(), PartsOrderTypes.All),
        new("source", SummaryFieldKind.Text, "manual or suggested.", o => o.Body["source"]?.GetValue<string>() ?? "manual", ["manual", "suggested"]),
        new("ackOverdue", SummaryFieldKind.Flag, "Not acknowledged by the depot and past its acknowledgement due time.",
            o => Flag(Unacknowledged(o) && clock.GetUtcNow() >= type.AckDueAt(o)), ChangesAt: o => Unacknowledged(o) ? type.AckDueAt(o) : null),
        new("ackDueAt", SummaryFieldKind.Text, "When the acknowledgement is (or was) due, UTC.",
            o => type.AckDueAt(o).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        new("backordered", SummaryFieldKind.Flag, "Some units are backordered.", o => Flag(type.State(o).Totals.Backordered > 0)),
        new("discrepancyOpen", SummaryFieldKind.Flag, "A receipt discrepancy waits for the OEM.", o => Flag(type.State(o).Discrepancies.Exists(d => d.Status == Discrepancy.Open))),
        new("onHold", SummaryFieldKind.Flag, "The depot holds the order.", o => Flag(Overlays.IsActive(o, PartsOrderStates.HoldOverlay))),
        new("creditHold", SummaryFieldKind.Flag, "The order waits for the dealer's credit.", o => Flag(Overlays.IsActive(o, PartsOrderStates.CreditHoldOverlay))),
        new("vin", SummaryFieldKind.Text, "VOR orders: the vehicle off the road.", o => o.Body["vin"]?.GetValue<string>()),
    ];

    private static bool Unacknowledged(DocumentRecord order) => order.Status == PartsOrderStates.Submitted;

    private static string Flag(bool value) => value ? "true" : "false";
}
