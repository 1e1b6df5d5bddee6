using System.Text.Json.Nodes;
using Dms.Hub.PartsOrders.Events;
using Dms.Hub.PartsOrders.Lines;
using static Dms.Hub.PartsOrders.PartsOrderLifecycle;

namespace Dms.Hub.PartsOrders.Commands;

/// <summary>
/// The dealer's receipt of one shipment. Completes the order (Received) when nothing is left with the depot or in
/// transit; discrepancies go to the OEM as a message it resolves.
/// </summary>
internal sealed class ReceiveCommand(PartsOrderType type, Func<ReceiptPlanner> planner) : StateCommand<ReceiptBody>(type)
{
    public const string BodySchema = "parts-order-receipt.v1";

    public override string Name => "receive";

    /// <summary>ReceivePartsOrderShipment: a receipt is of one shipment (ship notice) of the order.</summary>
    public override string OperationSuffix => "Shipment";

    public override string Summary => "Record the receipt of one shipment, with any short, over, damaged or wrong-part units (sent to the OEM to resolve).";

    public override string SchemaName => BodySchema;

    public override IReadOnlyList<string> Triggers { get; } = [Receipt, FinalReceipt, ReceiptWithDiscrepancies, FinalReceiptWithDiscrepancies];

    protected override StateChange Change(OrderState state, ReceiptBody request, DateTimeOffset now) => planner().Plan(state, request, now);

    protected override (string Trigger, JsonObject? Details) Outcome(string status, OrderState before, OrderState next, ReceiptBody request)
    {
        var completes = OrderStatus.Derive(next, status) == PartsOrderStates.Received;
        var reported = next.Discrepancies.Skip(before.Discrepancies.Count).ToList();
        if (reported.Count == 0)
        {
            return (completes ? FinalReceipt : Receipt, null);
        }

        var details = new JsonObject
        {
            ["shipmentId"] = request.ShipmentId,
            ["receivedOn"] = request.ReceivedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["discrepancies"] = Array(reported),
            ["comment"] = request.Comment,
        };
        return (completes ? FinalReceiptWithDiscrepancies : ReceiptWithDiscrepancies, details);
    }
}
