using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json.Nodes;
using Dms.Hub.Intake;
using Dms.Hub.Registry;
using Dms.Hub.Validation;
using Dms.Hub.Workflow;
using Microsoft.Extensions.Options;

namespace Dms.Hub.RetailDeliveries;

/// <summary>The retail delivery report registry entry. Its VIN reservation is the vehicle's warranty-start record.</summary>
public sealed class RetailDeliveryType : DocumentType<RetailDeliveryReport>
{
    public const string TypeName = "retail-delivery-report";

    public RetailDeliveryType(IEnumerable<IRule<RetailDeliveryReport>> rules, IOptionsMonitor<RetailDeliveryOptions> options)
        : base(rules)
    {
        Commands = [new ReasonCommand("unwind", "Unwind the sale (the vehicle returns to stock).", ["Unwind", "RequestUnwind"], (document, context) => PlanUnwind(document, context, options.CurrentValue))];
    }

    public override string Name => TypeName;

    public override string RouteSegment => "retail-delivery-reports";

    public override string Title => "Retail delivery report";

    public override string SchemaName => "retail-delivery-report.v1";

    public override string? EventSchemaName => "retail-delivery-report-event.v1";

    public override string? StateSchemaName => "retail-delivery-report-state.v1";

    public override StateMachine States => RetailDeliveryLifecycle.Machine;

    public override string SubmitMessage => RetailDeliveryLifecycle.ReportedMessage;

    public override string DuplicateNumberCode => ErrorCodes.DuplicateDocument;

    public override IReadOnlySet<string> ReleasingStates { get; } = new[] { RetailDeliveryStates.Unwound, RetailDeliveryStates.Rejected }.ToFrozenSet();

    public override IReadOnlyList<DocumentCommand> Commands { get; }

    public override OemEventPlan PlanOemEvent(DocumentRecord document, JsonObject oemEvent)
    {
        var type = oemEvent["type"]!.GetValue<string>();
        return new OemEventPlan(type, [], report => report.Oem["unwind"] = oemEvent.DeepClone());
    }

    public override string? VinOf(DocumentRecord document) => document.Body["vin"]?.GetValue<string>();

    /// <summary>An RDR holds its VIN's retail record and nothing else in the VIN's scope (<see cref="ReservationsFor"/>).</summary>
    public override string? VinKey => VehicleRegistry.RetailKey;

    protected override string NumberOf(RetailDeliveryReport document) => document.ReportNumber;

    /// <summary>A VIN is retailed once; the reservation carries the warranty start for the coverage check.</summary>
    protected override IEnumerable<Reservation> ReservationsFor(RetailDeliveryReport document)
    {
        var data = new Dictionary<string, string>
        {
            [VehicleRegistry.WarrantyStartField] = document.DeliveryDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [VehicleRegistry.DeliveryOdometerKmField] = document.DeliveryOdometer.Kilometres.ToString("F1", CultureInfo.InvariantCulture),
        };
        yield return new Reservation(VehicleRegistry.Scope(document.Vin), VehicleRegistry.RetailKey, "/vin", ErrorCodes.VinAlreadyRetailed, "This VIN has already been retailed.", data);
    }

    private CommandPlan PlanUnwind(DocumentRecord document, RuleContext context, RetailDeliveryOptions options)
    {
        var delivered = ReadModel(document.Body).DeliveryDate;
        var age = context.Today.DayNumber - delivered.DayNumber;
        if (age <= 0)
        {
            return CommandPlan.Fail(new ValidationError("", ErrorCodes.UnwindSameDay, "A delivery cannot be unwound on its delivery date; correct the report instead."));
        }

        return new CommandPlan(age > options.UnwindApprovalDays ? "RequestUnwind" : "Unwind", []);
    }
}
