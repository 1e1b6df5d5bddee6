using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Dms.Hub.Alerts;
using Dms.Hub.Intake;
using Dms.Hub.Registry;
using Dms.Hub.RetailDeliveries;
using Dms.Hub.Validation;
using Dms.Hub.Workflow;
using Microsoft.Extensions.Options;
using static Dms.Hub.VehicleOrders.VehicleOrderStates;

namespace Dms.Hub.VehicleOrders;

/// <summary>
/// The vehicle order registry entry: order guide rules, allocation units (counted reservations), the canonical stage
/// lifecycle, OEM events in canonical or OEM codes, holds and amendments as overlays, the VIN link an RDR retails
/// the order through, list fields and business alerts.
/// </summary>
public sealed class VehicleOrderType : DocumentType<VehicleOrder>
{
    public const string TypeName = "vehicle-order";
    private readonly IOptionsMonitor<VehicleOrderOptions> _options;
    private readonly VehicleOrderEvents _events;

    public VehicleOrderType(IEnumerable<IRule<VehicleOrder>> rules, IOptionsMonitor<VehicleOrderOptions> options, TimeProvider clock)
        : base(rules)
    {
        _options = options;
        _events = new VehicleOrderEvents(() => options.CurrentValue, clock);
        Commands =
        [
            new ReasonCommand("cancel", "Cancel the order: at once before the OEM accepts it, otherwise as a request the OEM answers.",
                ["Cancel", "RequestCancel"], (order, _) => new CommandPlan(VehicleOrderLifecycle.CancellableWithoutAsking.Contains(order.Status) || order.Status == Rejected ? "Cancel" : "RequestCancel", [])),
            new AmendOrderCommand(this, clock),
            new ResubmitCommand(this, "Resubmit the corrected order after the OEM rejected it.", "/dealerOrderNumber", ErrorCodes.OrderNumberMismatch),
        ];
        AlertRules = VehicleOrderAlerts.Rules(() => options.CurrentValue.Alerts);
    }

    public override string Name => TypeName;

    public override string RouteSegment => "vehicle-orders";

    public override string Title => "Vehicle order";

    public override string SchemaName => "vehicle-order.v1";

    public override string? EventSchemaName => "vehicle-order-event.v1";

    public override string? StateSchemaName => "vehicle-order-state.v1";

    public override StateMachine States => VehicleOrderLifecycle.Machine;

    public override string SubmitMessage => VehicleOrderLifecycle.SubmittedMessage;

    public override string DuplicateNumberCode => ErrorCodes.DuplicateOrder;

    /// <summary>A cancelled or rejected order gives its allocation unit (and its VIN) back.</summary>
    public override IReadOnlySet<string> ReleasingStates { get; } = new[] { Cancelled, Rejected }.ToFrozenSet();

    public override IReadOnlyList<DocumentCommand> Commands { get; }

    public override IReadOnlyList<AlertRule> AlertRules { get; }

    public override IReadOnlyList<DocumentReaction> Reactions { get; } =
    [
        new(RetailDeliveryType.TypeName, RetailDeliveryStates.Accepted, VehicleOrderLifecycle.Retail),
        new(RetailDeliveryType.TypeName, RetailDeliveryStates.Unwound, VehicleOrderLifecycle.Unwind),
        new(RetailDeliveryType.TypeName, RetailDeliveryStates.Rejected, VehicleOrderLifecycle.Unwind),
    ];

    public override IReadOnlyList<SummaryField> SummaryFields { get; } =
    [
        new("model", SummaryFieldKind.Text, "Model code.", order => order.Body["modelCode"]?.GetValue<string>()),
        new("orderType", SummaryFieldKind.Text, "Stock, Sold, Fleet or Demo.", order => order.Body["orderType"]?.GetValue<string>(), ["Stock", "Sold", "Fleet", "Demo"]),
        new("onHold", SummaryFieldKind.Flag, "Whether the OEM holds the order now.", order => Overlays.IsActive(order, VehicleOrderEvents.HoldOverlay) ? "true" : "false"),
        new("eta", SummaryFieldKind.Date, "The last day of the current ETA window.", order => OrderEta.Latest(order.Oem["eta"])?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        new("vin", SummaryFieldKind.Text, "The VIN, once produced.", order => order.Oem["vin"]?.GetValue<string>()),
    ];

    public override async Task<RuleOutcome> CheckAsync(CanonicalDocument document, RuleContext context, CancellationToken cancellationToken)
    {
        var outcome = await base.CheckAsync(document, context, cancellationToken);
        return Allocation((VehicleOrder)document.Model, context.Dealer.Code) is { } unit
            ? outcome with { Reservations = [.. outcome.Reservations, unit] }
            : outcome;
    }

    public override IReadOnlyList<Reservation> ReservationsHeld(DocumentRecord document)
    {
        var held = new List<Reservation>(ReservationsOf(document.Body));
        if (Allocation(ReadModel(document.Body), document.DealerCode) is { } unit)
        {
            held.Add(unit);
        }

        if (VinOf(document) is { } vin)
        {
            held.Add(VehicleRegistry.Link(vin, TypeName, document.TrackingId, "/vin", ErrorCodes.VinAlreadyAssigned, "This VIN belongs to another order."));
        }

        return held;
    }

    public override string? VinOf(DocumentRecord document) => document.Oem["vin"]?.GetValue<string>();

    public override OemEventPlan PlanOemEvent(DocumentRecord document, JsonObject oemEvent) => _events.Plan(document, oemEvent);

    protected override string NumberOf(VehicleOrder document) => document.DealerOrderNumber;

    /// <summary>One unit of the dealer's allocation of the model for the order's period, when the model is allocated.</summary>
    private Reservation? Allocation(VehicleOrder order, string dealerCode) =>
        _options.CurrentValue.Allocation.UnitsFor(dealerCode, order.ModelCode) is { } units
            ? new Reservation($"alloc|{dealerCode}|{order.ModelCode}|{order.AllocationPeriod}", "unit", "/allocationPeriod", ErrorCodes.AllocationExceeded,
                $"No {order.ModelCode} unit is left in {dealerCode}'s {order.AllocationPeriod} allocation ({units} per period).", Capacity: units)
            : null;
}
