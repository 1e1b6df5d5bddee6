using System.Globalization;
using Dms.Hub.Alerts;
using Dms.Hub.Work;

namespace Dms.Hub.Reporting;

/// <summary>
/// Runs one step of a kind × period escalation chain (<see cref="ReportEscalation"/>): for each dealer still owing, every
/// rung that came due since the chain's previous run becomes its alert — recipients told first, then the alert raised,
/// so a crash in between repeats a notice (at least once, like every notification) but never loses one, and a rung
/// whose alert exists already is left alone (raised once).
/// </summary>
internal sealed class ReportEscalationTimer(
    IReportSlotStore slots,
    ReportEscalation escalation,
    EscalationNotices notices,
    BusinessAlerts alerts,
    TimeProvider clock) : ISubjectTimer
{
    public string Name => ReportEscalation.TimerName;

    public async Task<IReadOnlyList<WorkItem>> RunAsync(WorkItem timer, CancellationToken cancellationToken)
    {
        var kind = timer.DocumentType!;
        var period = timer.Arg("period")!;
        DateTimeOffset? since = timer.Arg("since") is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture) : null;
        var now = clock.GetUtcNow();
        var all = await slots.ListAsync(kind, period, cancellationToken);
        foreach (var slot in all)
        {
            foreach (var step in escalation.ReachedBetween(slot, since, now))
            {
                await RaiseAsync(slot, step, cancellationToken);
            }
        }

        return escalation.NextRung(all, now) is { } next ? [escalation.Timer(kind, period, next, now)] : [];
    }

    private async Task RaiseAsync(ReportSlot slot, EscalationStepOptions step, CancellationToken cancellationToken)
    {
        if (await alerts.GetAsync(ReportEscalation.AlertId(slot, step.Step), cancellationToken) is not null)
        {
            return;
        }

        var message = Message(slot, step);
        await notices.SendAsync(slot, step, message, cancellationToken);
        await alerts.RaiseAsync(ReportEscalation.SubjectOf(slot), ReportEscalation.AlertCode(step.Step), Title(step), message, cancellationToken);
    }

    private static string Title(EscalationStepOptions step) => step.Step switch
    {
        "reminder" => "Periodic report due soon",
        "late" => "Periodic report late",
        _ => $"Late periodic report escalated ({step.Step})",
    };

    private static string Message(ReportSlot slot, EscalationStepOptions step) =>
        $"{slot.DealerCode}: {slot.Kind} for {slot.Period} {(step.Offset < TimeSpan.Zero ? "is due" : "was due")} by {slot.DueAt:yyyy-MM-dd HH:mm}Z" +
        $"{(slot.Status == ReportSlotStatus.Expected ? string.Empty : $" (status {slot.Status})")}; escalation step {step.Step}" +
        $"{(step.Notify.Count == 0 ? string.Empty : ", notifying " + string.Join(", ", step.Notify))}.";
}
