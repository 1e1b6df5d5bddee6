namespace Dms.Hub.Reporting;

/// <summary>
/// A slot as HQ sees it at one instant: Late when past due with no accepted version (or accepted after the due time,
/// <see cref="AcceptedLate"/>), days late counted to the first accepted version (or to now), and the escalation rung.
/// </summary>
public sealed record ReportStanding(ReportSlot Slot, bool Late, bool AcceptedLate, int DaysLate, EscalationStanding? Escalation)
{
    /// <summary>Status for the matrix: Zero and Late shown as such, otherwise the slot's own status.</summary>
    public string Display => Slot.IsSettled && Slot.Zero ? "Zero" : Late ? "Late" : Slot.Status;

    public static ReportStanding Of(ReportSlot slot, ReportingCalendar calendar, DateTimeOffset now)
    {
        var due = slot.DueAt;
        var reference = slot.FirstAcceptedAt ?? now;
        var overdue = due is { } d && reference > d;
        var days = overdue ? (int)Math.Ceiling((reference - due!.Value).TotalDays) : 0;
        var late = overdue && slot.FirstAcceptedAt is null;
        return new ReportStanding(slot, late, overdue && slot.FirstAcceptedAt is not null, days,
            ReportingCalendar.Escalation(calendar.ScheduleOf(slot.Kind), due, slot.IsSettled || slot.FirstAcceptedAt is not null, now));
    }
}
