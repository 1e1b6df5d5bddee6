using System.Text.Json.Nodes;
using Dms.Hub.Validation;
using Dms.Hub.Workflow;

namespace Dms.Hub.Registry;

/// <summary>
/// A corrected document after the OEM rejected it (or asked for information): the whole document again under the same
/// number, checked by every rule, stored as a new content version. Reservations the corrected content no longer
/// needs are given back; new ones are claimed.
/// </summary>
/// <param name="numberPath">JSON Pointer of the document number, where a changed number is reported.</param>
/// <param name="mismatchCode">The error code for a changed number.</param>
public sealed class ResubmitCommand(DocumentType type, string summary, string numberPath, string mismatchCode) : DocumentCommand
{
    public const string Trigger = "Resubmit";

    public override string Name => "resubmissions";

    public override string Verb => "Resubmit";

    public override string Summary => summary;

    public override string SchemaName => type.SchemaName;

    public override IReadOnlyList<string> Triggers { get; } = [Trigger];

    public override async Task<CommandPlan> PlanAsync(DocumentRecord document, JsonNode body, RuleContext context, CancellationToken cancellationToken)
    {
        if (type.Canonicalize(body) is not { } corrected)
        {
            return CommandPlan.Fail(new ValidationError("", ErrorCodes.SchemaViolation, "The document could not be read."));
        }

        if (corrected.DocumentNumber != document.DocumentNumber)
        {
            return CommandPlan.Fail(new ValidationError(numberPath, mismatchCode, $"A resubmission keeps the number {document.DocumentNumber}."));
        }

        var outcome = await type.CheckAsync(corrected, context, cancellationToken);
        if (outcome.Errors.Count > 0)
        {
            return new CommandPlan(Trigger, outcome.Errors);
        }

        var keep = outcome.Reservations.Select(r => (r.Scope, r.Key)).ToHashSet();
        var releases = type.ReservationsOf(document.Body).Where(r => !keep.Contains((r.Scope, r.Key))).ToList();
        return new CommandPlan(Trigger, [], corrected, outcome.Reservations, null, releases);
    }
}
