using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Dms.Hub.PeriodicReports.Rules;
using Dms.Hub.Registry;
using Dms.Hub.Validation;
using Dms.Hub.Workflow;

namespace Dms.Hub.PeriodicReports;

/// <summary>
/// The registry entry shared by every periodic report kind: one entry per kind (its own schema, CSV layout, SOAP types
/// and endpoints), the same lifecycle, numbering and rules. A version's document number is <c>{period}.v{version}</c>,
/// so sending the same version again is idempotent and a changed one under the same number is refused.
/// </summary>
public abstract class PeriodicReportType<TReport>(IEnumerable<IRule<TReport>> rules) : DocumentType<TReport>(rules), IPeriodicReportType
    where TReport : class, IPeriodicReport
{
    public abstract PeriodGranularity Granularity { get; }

    public abstract bool AllowsPartial { get; }

    public override string? EventSchemaName => null;

    public override StateMachine States => PeriodicReportLifecycle.Machine;

    public override string SubmitMessage => string.Concat(Title.Split(' ').Select(w => char.ToUpperInvariant(w[0]) + w[1..])) + "Reported";

    public override string DuplicateNumberCode => ReportErrorCodes.VersionAlreadySubmitted;

    public override IReadOnlySet<string> ReleasingStates { get; } = FrozenSet<string>.Empty;

    public override IReadOnlyList<DocumentCommand> Commands { get; } = [];

    public override IReadOnlyList<string> NoticeStatuses => Reporting.EscalationNotices.Statuses;

    public IPeriodicReport Read(JsonObject body) => ReadModel(body);

    public override async Task<RuleOutcome> CheckAsync(CanonicalDocument document, RuleContext context, CancellationToken cancellationToken)
    {
        var outcome = await base.CheckAsync(document, context, cancellationToken);
        var errors = outcome.Errors.ToList();
        PeriodicReportChecks.Check((TReport)document.Model, this, context, errors);
        return outcome with { Errors = errors };
    }

    public override OemEventPlan PlanOemEvent(DocumentRecord document, JsonObject oemEvent) =>
        new(string.Empty, [new ValidationError("", ErrorCodes.InvalidValue, $"{Title}s take no OEM events.")]);

    protected override string NumberOf(TReport document) => PeriodicReportNumbers.For(document.Period, document.Version);
}
