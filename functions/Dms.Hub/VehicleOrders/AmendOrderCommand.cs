using System.Text.Json.Nodes;
using Dms.Hub.Registry;
using Dms.Hub.Validation;
using Dms.Hub.Workflow;

namespace Dms.Hub.VehicleOrders;

/// <summary>
/// Amend an order before the lock: trim, colours, options or the delivery window. The amended order passes the order
/// guide again, becomes a new content version and goes to the OEM as a change, pending until the OEM answers.
/// </summary>
internal sealed class AmendOrderCommand(VehicleOrderType type, TimeProvider clock) : DocumentCommand
{
    public const string BodySchema = "vehicle-order-amendment.v1";
    private static readonly string[] Amendable = ["trim", "exteriorColor", "interiorColor", "options", "requestedDelivery"];

    public override string Name => "amendments";

    /// <summary>The URL segment is a noun; message channels name the command by its verb (AmendVehicleOrder).</summary>
    public override string Verb => "Amend";

    public override string Summary => "Amend trim, colours, options or the delivery window before the OEM locks the order.";

    public override string SchemaName => BodySchema;

    public override IReadOnlyList<string> Triggers { get; } = ["Amend"];

    public override async Task<CommandPlan> PlanAsync(DocumentRecord document, JsonNode body, RuleContext context, CancellationToken cancellationToken)
    {
        var changed = Amendable.Where(f => body[f] is not null).ToList();
        if (changed.Count == 0)
        {
            return CommandPlan.Fail(new ValidationError("", ErrorCodes.AmendmentEmpty, $"An amendment changes at least one of: {string.Join(", ", Amendable)}."));
        }

        if (OrderChanges.IsPending(document))
        {
            return CommandPlan.Fail(new ValidationError("", ErrorCodes.ChangePending, "An earlier amendment is waiting for the OEM's answer."));
        }

        var amended = document.Body.DeepClone().AsObject();
        foreach (var field in changed)
        {
            amended[field] = body[field]!.DeepClone();
        }

        if (type.Canonicalize(amended) is not { } canonical)
        {
            return CommandPlan.Fail(new ValidationError("", ErrorCodes.SchemaViolation, "The amended order could not be read."));
        }

        // Terms that the amendment did not touch were checked when the order was taken; time may have passed since.
        var outcome = await type.CheckAsync(canonical, context, cancellationToken);
        var errors = outcome.Errors
            .Where(e => e.Code != ErrorCodes.AllocationPeriodClosed && (e.Code != ErrorCodes.DeliveryWindowInPast || changed.Contains("requestedDelivery")))
            .ToList();
        if (errors.Count > 0)
        {
            return new CommandPlan("Amend", errors);
        }

        var (previous, previousVersion) = (document.Body, document.ContentVersion);
        var details = new JsonObject
        {
            ["reason"] = body["reason"]?.DeepClone(),
            ["comment"] = body["comment"]?.DeepClone(),
            ["changed"] = new JsonArray([.. changed.Select(f => JsonValue.Create(f))]),
        };
        var now = clock.GetUtcNow();
        return new CommandPlan("Amend", [], canonical, Details: details, Apply: order => OrderChanges.Begin(order, previous, previousVersion, now));
    }
}
