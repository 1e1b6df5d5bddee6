using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json.Nodes;
using Dms.Hub.Intake;
using Dms.Hub.Registry;
using Dms.Hub.Validation;
using Dms.Hub.Workflow;

namespace Dms.Hub.WarrantyClaims;

/// <summary>The warranty claim registry entry.</summary>
public sealed class WarrantyClaimType : DocumentType<WarrantyClaim>
{
    public const string TypeName = "warranty-claim";

    public WarrantyClaimType(IEnumerable<IRule<WarrantyClaim>> rules)
        : base(rules)
    {
        Commands =
        [
            new ReasonCommand("cancel", "Withdraw the claim before a decision.", "Cancel"),
            new ResubmitCommand(this, "Resubmit the corrected claim after it was rejected or information was requested.", "/dealerClaimNumber", ErrorCodes.ClaimNumberMismatch),
            new ReasonCommand("appeals", "Appeal a denial or a chargeback.", "Appeal", verb: "Appeal"),
        ];
    }

    public override string Name => TypeName;

    public override string RouteSegment => "warranty-claims";

    public override string Title => "Warranty claim";

    public override string SchemaName => "warranty-claim.v1";

    public override string? EventSchemaName => "warranty-claim-event.v1";

    public override string? StateSchemaName => "warranty-claim-state.v1";

    public override StateMachine States => WarrantyClaimLifecycle.Machine;

    public override string SubmitMessage => WarrantyClaimLifecycle.SubmittedMessage;

    public override string DuplicateNumberCode => ErrorCodes.DuplicateClaim;

    public override IReadOnlySet<string> ReleasingStates { get; } = new[] { WarrantyClaimStates.Cancelled }.ToFrozenSet();

    public override IReadOnlyList<DocumentCommand> Commands { get; }

    public override OemEventPlan PlanOemEvent(DocumentRecord document, JsonObject oemEvent) => WarrantyClaimEvents.Plan(document, oemEvent);

    public override string? VinOf(DocumentRecord document) => document.Body["vin"]?.GetValue<string>();

    protected override string NumberOf(WarrantyClaim document) => document.DealerClaimNumber;

    /// <summary>One claim per VIN, labor operation and repair-order close date, across all dealers.</summary>
    protected override IEnumerable<Reservation> ReservationsFor(WarrantyClaim document) =>
        document.LaborLines
            .Select((line, index) => (line.OperationCode, index))
            .DistinctBy(l => l.OperationCode)
            .Select(l => new Reservation(
                VehicleRegistry.Scope(document.Vin),
                $"claim|{l.OperationCode}|{document.RepairOrder.ClosedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
                JsonPointer.Append("/laborLines", l.index) + "/operationCode",
                ErrorCodes.DuplicateClaim,
                $"A claim for {l.OperationCode} on this VIN and repair date already exists."));
}
