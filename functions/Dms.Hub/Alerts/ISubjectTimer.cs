using Dms.Hub.Work;

namespace Dms.Hub.Alerts;

/// <summary>
/// Port: a durable timer about a subject that is not a document — a reporting period's escalation ladder. Its
/// <c>timer</c> work item names it in the <see cref="Argument"/> argument; <see cref="TimerHandler"/> runs it and commits
/// the timers it asks for next together with the completion of this one, so the chain is never broken by a crash
/// (a repeated run must be harmless: raise alerts once, as <see cref="BusinessAlerts"/> does).
/// </summary>
public interface ISubjectTimer
{
    public const string Argument = "timer";

    /// <summary>Stable name, stored on the work item.</summary>
    string Name { get; }

    /// <summary>Does what is due at the timer's time; returns the timers to schedule next (none: the chain ends).</summary>
    Task<IReadOnlyList<WorkItem>> RunAsync(WorkItem timer, CancellationToken cancellationToken);
}
