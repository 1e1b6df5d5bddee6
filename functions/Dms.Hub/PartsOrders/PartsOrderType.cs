using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Dms.Hub.Alerts;
using Dms.Hub.OemCodes;
using Dms.Hub.PartsOrders.Commands;
using Dms.Hub.PartsOrders.Events;
using Dms.Hub.PartsOrders.Lines;
using Dms.Hub.Registry;
using Dms.Hub.Validation;
using Dms.Hub.Workflow;

namespace Dms.Hub.PartsOrders;

/// <summary>
/// The parts order registry entry: part master rules (a superseded part substituted when the order is read, if the
/// OEM substitutes), line buckets driven by acknowledgements, ship notices and receipts, the dealer's cancel, backorder
/// cancellation and receipt commands, list fields (ack overdue) and business alerts.
/// </summary>
public sealed class PartsOrderType : DocumentType<PartsOrder>
{
    public const string TypeName = "parts-order";
    private readonly PartMaster _parts;
    private readonly PartsPolicy _policy;
    private readonly PartsOrderEvents _events;

    public PartsOrderType(IEnumerable<IRule<PartsOrder>> rules, PartMaster parts, PartsPolicy policy, OemCodeTranslator codes, TimeProvider clock)
        : base(rules)
    {
        _parts = parts;
        _policy = policy;
        var acknowledgements = new AcknowledgementPlanner((code, path) => codes.TranslateLineStatus(this, code.Scheme, code.Code, path));
        _events = new PartsOrderEvents(this, acknowledgements, clock);
        Commands =
        [
            new ReasonCommand("cancel", "Cancel the whole order before the depot acknowledges it.", PartsOrderLifecycle.Cancel),
            new CancelBackorderCommand(this),
            new ReceiveCommand(this, () => new ReceiptPlanner(policy.Options.ReceiptWindows, policy.Calendar)),
        ];
        SummaryFields = PartsOrderFields.For(this, clock);
        AlertRules = PartsOrderAlerts.Rules(this, policy);
    }

    public override string Name => TypeName;

    public override string RouteSegment => "parts-orders";

    public override string Title => "Parts order";

    public override string SchemaName => "parts-order.v1";

    public override string? EventSchemaName => "parts-order-event.v1";

    public override string? StateSchemaName => "parts-order-state.v1";

    public override StateMachine States => PartsOrderLifecycle.Machine;

    public override string SubmitMessage => PartsOrderLifecycle.SubmittedMessage;

    public override string DuplicateNumberCode => ErrorCodes.DuplicateOrder;

    public override IReadOnlySet<string> ReleasingStates { get; } = FrozenSet<string>.Empty;

    public override IReadOnlyList<DocumentCommand> Commands { get; }

    public override IReadOnlyList<SummaryField> SummaryFields { get; }

    public override IReadOnlyList<AlertRule> AlertRules { get; }

    /// <summary>Reads the order and, where the OEM substitutes superseded parts, puts each line's successor in its place (said on the line).</summary>
    public override CanonicalDocument? Canonicalize(JsonNode body) =>
        base.Canonicalize(body) is { Model: PartsOrder order } ? Canonical(Supersede(order)) : null;

    public override OemEventPlan PlanOemEvent(DocumentRecord document, JsonObject oemEvent) => _events.Plan(document, oemEvent);

    /// <summary>A VOR order is about the vehicle in the workshop: its view shows the dealer's other documents about that VIN.</summary>
    public override string? VinOf(DocumentRecord document) => document.Body["vin"]?.GetValue<string>();

    /// <summary>The line buckets and everything else tracked on <paramref name="document"/>.</summary>
    public OrderState State(DocumentRecord document) => OrderState.Read(document, ReadModel(document.Body));

    /// <summary>When the depot must (or had to) acknowledge <paramref name="document"/>.</summary>
    public DateTimeOffset AckDueAt(DocumentRecord document) =>
        _policy.AckDueAt(document.Body["orderType"]?.GetValue<string>() ?? PartsOrderTypes.Stock, document.SubmittedAt);

    protected override string NumberOf(PartsOrder document) => document.DealerOrderNumber;

    private PartsOrder Supersede(PartsOrder order)
    {
        var substitute = _parts.Policy == SupersessionPolicy.Substitute;
        var lines = order.Lines.Select(line =>
        {
            var ordered = line with { SubstitutedFor = null };
            return substitute && _parts.Find(line.PartNumber)?.SupersededBy is not null && _parts.Current(line.PartNumber) is { } current
                ? ordered with { PartNumber = current.PartNumber!, SubstitutedFor = line.PartNumber }
                : ordered;
        }).ToList();
        return order with { Lines = lines };
    }
}
