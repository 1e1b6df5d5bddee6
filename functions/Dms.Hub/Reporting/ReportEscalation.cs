using System.Globalization;
using System.Text.Json.Nodes;
using Dms.Hub.Alerts;
using Dms.Hub.Common;
using Dms.Hub.Work;

namespace Dms.Hub.Reporting;

/// <summary>
/// The escalation ladder as business alerts. Each rung of a slot is one alert (<c>{dealer}-{kind}-{period}.REPORT_{STEP}</c>)
/// raised once when the rung's time comes while no version is accepted, and cleared when one is. One durable timer
/// chain per kind × period (not per slot) walks the rungs of all its dealers: each run raises what came due since the
/// previous run and schedules itself for the next rung time of any dealer still owing — so a period of 500 dealers
/// costs a handful of timer runs, and a period that is settled ends its chain.
/// </summary>
public sealed class ReportEscalation(ReportingCalendar calendar, TimeProvider clock)
{
    public const string TimerName = "report-escalation";

    /// <summary>The work partition of a kind's chains (no dealer code contains <c>~</c>).</summary>
    public static string Partition(string kind) => "reporting~" + kind;

    public static AlertSubject SubjectOf(ReportSlot slot) =>
        new(slot.DealerCode, slot.Kind, $"{slot.DealerCode}-{slot.Kind}-{slot.Period}", slot.Period);

    public static string AlertCode(string step) => "REPORT_" + step.ToUpperInvariant().Replace('-', '_');

    public static string AlertId(ReportSlot slot, string step) => AlertRecord.MakeId(SubjectOf(slot).Id, AlertCode(step));

    /// <summary>The ladder of a kind, earliest rung first; empty when it has none.</summary>
    public IReadOnlyList<EscalationStepOptions> LadderOf(string kind) =>
        calendar.ScheduleOf(kind) is { } schedule ? [.. schedule.Escalation.OrderBy(s => s.Offset)] : [];

    /// <summary>The rungs of <paramref name="slot"/> reached in (<paramref name="since"/>, <paramref name="now"/>], while it is owed.</summary>
    public IEnumerable<EscalationStepOptions> ReachedBetween(ReportSlot slot, DateTimeOffset? since, DateTimeOffset now) =>
        Owed(slot) && slot.DueAt is { } due
            ? LadderOf(slot.Kind).Where(s => due + s.Offset <= now && (since is null || due + s.Offset > since))
            : [];

    /// <summary>The next rung time after <paramref name="now"/> of any slot still owed; null when the chain can end.</summary>
    public DateTimeOffset? NextRung(IEnumerable<ReportSlot> slots, DateTimeOffset now) =>
        slots.Where(Owed).SelectMany(s => LadderOf(s.Kind).Select(step => s.DueAt!.Value + step.Offset)).Where(at => at > now).Order().Cast<DateTimeOffset?>().FirstOrDefault();

    /// <summary>A timer of the kind × period chain, due at <paramref name="dueAt"/> (or now), covering rungs after <paramref name="since"/>.</summary>
    public WorkItem Timer(string kind, string period, DateTimeOffset dueAt, DateTimeOffset? since)
    {
        var now = clock.GetUtcNow();
        var args = new JsonObject { [ISubjectTimer.Argument] = TimerName, ["period"] = period };
        if (since is { } after)
        {
            args["since"] = after.ToString("O", CultureInfo.InvariantCulture);
        }

        return new WorkItem(Ids.NewUlid(now), WorkKinds.Timer, Partition(kind), kind, null, args, now, dueAt > now ? dueAt : now, null);
    }

    /// <summary>Owed: expected by the calendar (a due time), and no version accepted yet.</summary>
    private static bool Owed(ReportSlot slot) => slot.DueAt is not null && !slot.IsSettled && slot.FirstAcceptedAt is null;
}
