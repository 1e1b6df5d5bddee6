using System.Globalization;
using Dms.Hub.Alerts;
using Dms.Hub.Workflow;
using static Dms.Hub.VehicleOrders.VehicleOrderStates;

namespace Dms.Hub.VehicleOrders;

/// <summary>
/// The order alerts of DOMAIN.md §2: accepted but not scheduled too long, ETA slipped by more than N days, hold older
/// than N (thresholds in <see cref="VehicleOrderAlertOptions"/>). Each says from when an order breaches it.
/// </summary>
internal static class VehicleOrderAlerts
{
    public const string NotScheduled = "ORDER_NOT_SCHEDULED";
    public const string EtaSlipped = "ETA_SLIPPED";
    public const string HoldTooLong = "HOLD_TOO_LONG";

    public static IReadOnlyList<AlertRule> Rules(Func<VehicleOrderAlertOptions> options) =>
    [
        new(NotScheduled, "Accepted but not scheduled", order => NotScheduledSince(order, options().NotScheduledAfter)),
        new(EtaSlipped, "ETA slipped", order => Slipped(order, options().EtaSlipDays)),
        new(HoldTooLong, "On hold too long", order => HeldSince(order, options().HoldOlderThan)),
    ];

    private static AlertCondition? NotScheduledSince(DocumentRecord order, TimeSpan limit)
    {
        if (order.Status != Accepted || order.Timeline.LastOrDefault(e => e.To == Accepted && e.From != Accepted) is not { } accepted)
        {
            return null;
        }

        return new AlertCondition(accepted.At + limit, $"Accepted by the OEM on {Day(accepted.At)} and not scheduled within {Describe(limit)}.");
    }

    private static AlertCondition? Slipped(DocumentRecord order, int days)
    {
        if (Rank(VehicleOrderEvents.StageOf(order)) >= Rank(AtDealer) || VehicleOrderEvents.IsClosed(order)
            || OrderEta.SlipDays(order) is not { } slip || slip <= days)
        {
            return null;
        }

        var since = OrderEta.ReceivedAt(order.Oem["eta"]) ?? order.UpdatedAt;
        return new AlertCondition(since, $"The latest ETA ({OrderEta.Latest(order.Oem["eta"]):yyyy-MM-dd}) is {slip} days after the first promise ({OrderEta.Latest(order.Oem["firstEta"]):yyyy-MM-dd}).");
    }

    private static AlertCondition? HeldSince(DocumentRecord order, TimeSpan limit)
    {
        if (VehicleOrderEvents.IsClosed(order) || !order.Overlays.TryGetValue(VehicleOrderEvents.HoldOverlay, out var hold) || !hold.Active)
        {
            return null;
        }

        return new AlertCondition(hold.Since + limit, $"On {hold.ReasonClass} hold ({hold.ReasonCode ?? "no code"}) since {Day(hold.Since)}, longer than {Describe(limit)}.");
    }

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Describe(TimeSpan span) =>
        span.TotalDays >= 1 ? $"{span.TotalDays:0.#} days" : span.TotalHours >= 1 ? $"{span.TotalHours:0.#} hours" : $"{span.TotalSeconds:0} seconds";
}
