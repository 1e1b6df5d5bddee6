using System.Text.Json;
using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.PartsOrders.Events;
using Dms.Hub.PartsOrders.Lines;
using Dms.Hub.Registry;
using Dms.Hub.Workflow;

namespace Dms.Hub.PartsOrders.Commands;

/// <summary>
/// A dealer command that changes the order's line state (a receipt, a backorder cancellation request). When it sends
/// the OEM a message, the command's content becomes a new content version of the order — the body stays as it is, the
/// command's raw payload is kept under that version — so every such message has a delivery (and Idempotency-Key) of its own.
/// </summary>
internal abstract class StateCommand<TBody>(PartsOrderType type) : DocumentCommand
{
    public override Task<CommandPlan> PlanAsync(DocumentRecord document, JsonNode body, RuleContext context, CancellationToken cancellationToken)
    {
        var request = body.Deserialize<TBody>(HubJson.Options)!;
        var order = type.ReadModel(document.Body);
        var before = OrderState.Read(document, order);
        var change = Change(before, request, context.Now);
        if (change.Errors.Count > 0)
        {
            return Task.FromResult(new CommandPlan(Triggers[0], change.Errors));
        }

        var next = change.State!;
        var (trigger, details) = Outcome(document.Status, before, next, request);
        var replacement = details is null ? null : new CanonicalDocument(document.Body.DeepClone().AsObject(), document.DocumentNumber, order);
        return Task.FromResult(new CommandPlan(trigger, [], replacement, Details: details, Apply: next.Write));
    }

    protected abstract StateChange Change(OrderState state, TBody request, DateTimeOffset now);

    /// <summary>The trigger to fire, and what to tell the OEM (null: nothing to send).</summary>
    protected abstract (string Trigger, JsonObject? Details) Outcome(string status, OrderState before, OrderState next, TBody request);

    protected static JsonArray Array<T>(IEnumerable<T> items) => new([.. items.Select(i => JsonSerializer.SerializeToNode(i, HubJson.Options))]);
}
