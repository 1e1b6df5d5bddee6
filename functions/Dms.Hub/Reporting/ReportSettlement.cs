using Dms.Hub.Alerts;

namespace Dms.Hub.Reporting;

/// <summary>
/// Once a slot has an accepted version, the escalation alerts it raised are cleared (the condition ended); run from the
/// version effect, so a crash repeats it and an alert is never left open for a settled report.
/// </summary>
public sealed class ReportSettlement(IReportSlotStore store, ReportEscalation escalation, BusinessAlerts alerts)
{
    public async Task ClearIfSettledAsync(string kind, string period, string dealerCode, CancellationToken cancellationToken)
    {
        var ladder = escalation.LadderOf(kind);
        if (ladder.Count == 0 || await store.GetAsync(kind, period, dealerCode, cancellationToken) is not { } slot
            || (!slot.IsSettled && slot.FirstAcceptedAt is null))
        {
            return;
        }

        var note = $"Version {slot.Version} accepted{(slot.FirstAcceptedAt is { } at ? $" (first acceptance {at:yyyy-MM-dd HH:mm}Z)" : string.Empty)}.";
        foreach (var step in ladder)
        {
            await alerts.ClearAsync(ReportEscalation.SubjectOf(slot), ReportEscalation.AlertCode(step.Step), note, cancellationToken);
        }
    }
}
