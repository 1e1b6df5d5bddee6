using System.Text.Json.Nodes;
using Dms.Hub.Registry;
using Dms.Hub.Validation;
using Dms.Hub.Workflow;

namespace Dms.Hub.WarrantyClaims;

/// <summary>A corrected claim after Rejected or PendingInformation: same claim number, new content version, rules again.</summary>
internal sealed class ResubmitClaimCommand(WarrantyClaimType type) : DocumentCommand
{
    public override string Name => "resubmissions";

    public override string Verb => "Resubmit";

    public override string Summary => "Resubmit the corrected claim after it was rejected or information was requested.";

    public override string SchemaName => type.SchemaName;

    public override IReadOnlyList<string> Triggers { get; } = ["Resubmit"];

    public override async Task<CommandPlan> PlanAsync(DocumentRecord document, JsonNode body, RuleContext context, CancellationToken cancellationToken)
    {
        if (type.Canonicalize(body) is not { } corrected)
        {
            return CommandPlan.Fail(new ValidationError("", ErrorCodes.SchemaViolation, "The claim could not be read."));
        }

        if (corrected.DocumentNumber != document.DocumentNumber)
        {
            return CommandPlan.Fail(new ValidationError("/dealerClaimNumber", ErrorCodes.ClaimNumberMismatch, $"A resubmission keeps the claim number {document.DocumentNumber}."));
        }

        var outcome = await type.CheckAsync(corrected, context, cancellationToken);
        if (outcome.Errors.Count > 0)
        {
            return new CommandPlan("Resubmit", outcome.Errors);
        }

        var keep = outcome.Reservations.Select(r => (r.Scope, r.Key)).ToHashSet();
        var releases = type.ReservationsOf(document.Body).Where(r => !keep.Contains((r.Scope, r.Key))).ToList();
        return new CommandPlan("Resubmit", [], corrected, outcome.Reservations, null, releases);
    }
}
