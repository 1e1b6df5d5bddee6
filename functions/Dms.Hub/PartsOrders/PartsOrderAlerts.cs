using System.Globalization;
using Dms.Hub.Alerts;
using Dms.Hub.PartsOrders.Lines;
using Dms.Hub.Workflow;

namespace Dms.Hub.PartsOrders;

/// <summary>
/// The order alerts of DOMAIN.md §3: a VOR order not acknowledged by its due time; a ship notice missing after the
/// promised ship date (plus a grace); a receipt discrepancy unresolved after N days. (Stock below safety stock is
/// watched on the dealer's inventory snapshots.) Each says from when an order breaches it.
/// </summary>
internal static class PartsOrderAlerts
{
    public const string VorNotAcknowledged = "VOR_NOT_ACKNOWLEDGED";
    public const string ShipNoticeMissing = "SHIP_NOTICE_MISSING";
    public const string DiscrepancyUnresolved = "DISCREPANCY_UNRESOLVED";

    public static IReadOnlyList<AlertRule> Rules(PartsOrderType type, PartsPolicy policy) =>
    [
        new(VorNotAcknowledged, "VOR parts order not acknowledged in time", order => VorUnacknowledged(type, policy, order)),
        new(ShipNoticeMissing, "Ship notice missing after the promised ship date", order => ShipmentOverdue(type, policy, order)),
        new(DiscrepancyUnresolved, "Receipt discrepancy unresolved", order => DiscrepancyOpen(type, policy, order)),
    ];

    private static AlertCondition? VorUnacknowledged(PartsOrderType type, PartsPolicy policy, DocumentRecord order)
    {
        if (order.Status != PartsOrderStates.Submitted || order.Body["orderType"]?.GetValue<string>() != PartsOrderTypes.Vor)
        {
            return null;
        }

        var due = type.AckDueAt(order);
        return new AlertCondition(due, $"VOR order {order.DocumentNumber} (submitted {Time(order.SubmittedAt)}) was due to be acknowledged by {Time(due)}.");
    }

    private static AlertCondition? ShipmentOverdue(PartsOrderType type, PartsPolicy policy, DocumentRecord order)
    {
        if (PartsOrderStates.IsClosed(order.Status))
        {
            return null;
        }

        var late = type.State(order).Lines
            .SelectMany(l => l.Allocations.Where(a => a.Status != AllocationStatus.Backordered && a.PromisedShipDate is not null).Select(a => (Line: l, Allocation: a)))
            .OrderBy(x => x.Allocation.PromisedShipDate)
            .FirstOrDefault();
        if (late.Allocation is not { PromisedShipDate: { } promised })
        {
            return null;
        }

        var due = policy.Calendar.At(promised, TimeSpan.FromDays(1)) + policy.Options.Alerts.ShipNoticeGrace;
        return new AlertCondition(due, $"Line {late.Line.LineNumber}: {late.Allocation.Quantity} × {late.Allocation.PartNumber ?? late.Line.PartNumber} promised to ship on {promised:yyyy-MM-dd}{(late.Allocation.Depot is { } depot ? " from " + depot : string.Empty)}; no ship notice yet.");
    }

    private static AlertCondition? DiscrepancyOpen(PartsOrderType type, PartsPolicy policy, DocumentRecord order)
    {
        var open = type.State(order).Discrepancies.Where(d => d.Status == Discrepancy.Open).OrderBy(d => d.ReportedAt).FirstOrDefault();
        if (open is null)
        {
            return null;
        }

        var after = policy.Options.Alerts.DiscrepancyUnresolvedAfter;
        return new AlertCondition(open.ReportedAt + after,
            $"{open.DiscrepancyId} ({open.Kind}, {open.Quantity} units on line {open.LineNumber}, shipment {open.ShipmentId}) reported {Time(open.ReportedAt)} and not resolved within {after.TotalDays:0.#} days.");
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
