using Dms.Hub.Validation;
using Dms.Hub.Workflow;

namespace Dms.Hub.Registry;

/// <summary>How an OEM event changes a document: the trigger to fire and what to record, or why it is refused.</summary>
public sealed record OemEventPlan(string Trigger, IReadOnlyList<ValidationError> Errors, Action<DocumentRecord>? Apply = null)
{
    /// <summary>
    /// No transition: the event is recorded on the timeline under this name and <see cref="Apply"/> still runs — an
    /// overlay or ETA change, or a late or duplicate event that must not move the document backwards.
    /// </summary>
    public string? RecordAs { get; init; }

    /// <summary>With <see cref="RecordAs"/>: tell the dealer, as for a status change (a hold set or released).</summary>
    public bool NotifyDealer { get; init; }

    /// <summary>
    /// With <see cref="RecordAs"/>: the event is older than what the document holds (a late or duplicate event): it
    /// is kept on the timeline only, and the OEM's latest code is not replaced by it.
    /// </summary>
    public bool Late { get; init; }

    /// <summary>Claims made before the change commits (a VIN linked to the document); a conflict refuses the event.</summary>
    public IReadOnlyList<Reservation> Reservations { get; init; } = [];

    /// <summary>A plan that records the event without a transition.</summary>
    public static OemEventPlan Record(string name, Action<DocumentRecord>? apply = null, bool notifyDealer = false) =>
        new(string.Empty, [], apply) { RecordAs = name, NotifyDealer = notifyDealer };

    /// <summary>A late or duplicate event: recorded on the timeline, nothing applied.</summary>
    public static OemEventPlan RecordLate(string name) => new(string.Empty, []) { RecordAs = name, Late = true };

    public static OemEventPlan Fail(params ValidationError[] errors) => new(string.Empty, errors);
}
