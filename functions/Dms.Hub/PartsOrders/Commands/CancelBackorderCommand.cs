using System.Text.Json.Nodes;
using Dms.Hub.PartsOrders.Events;
using Dms.Hub.PartsOrders.Lines;

namespace Dms.Hub.PartsOrders.Commands;

/// <summary>Asks the depot to cancel backordered units (any time after the acknowledgement); the depot confirms or refuses.</summary>
internal sealed class CancelBackorderCommand(PartsOrderType type) : StateCommand<BackorderCancelBody>(type)
{
    public const string BodySchema = "parts-order-backorder-cancel.v1";

    public override string Name => "cancel-backorder";

    /// <summary>CancelPartsOrderBackorders: what is cancelled is the backordered rest of lines, not the order.</summary>
    public override string Verb => "Cancel";

    public override string OperationSuffix => "Backorders";

    public override string Summary => "Ask the depot to cancel the backordered rest of some or all lines; the units stay backordered until it confirms.";

    public override string SchemaName => BodySchema;

    public override IReadOnlyList<string> Triggers { get; } = [PartsOrderLifecycle.RequestBackorderCancel];

    protected override StateChange Change(OrderState state, BackorderCancelBody request, DateTimeOffset now) => BackorderPlanner.Request(state, request, now);

    protected override (string Trigger, JsonObject? Details) Outcome(string status, OrderState before, OrderState next, BackorderCancelBody request)
    {
        var asked = next.BackorderCancellations.Skip(before.BackorderCancellations.Count);
        return (PartsOrderLifecycle.RequestBackorderCancel, new JsonObject
        {
            ["reason"] = request.Reason,
            ["comment"] = request.Comment,
            ["lines"] = Array(asked.Select(r => new { r.LineNumber, r.Quantity })),
        });
    }
}
