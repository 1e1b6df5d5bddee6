namespace Dms.Hub.Work;

/// <summary>Enough to find a work item again: what travels through a transport (a queue message, a timer).</summary>
/// <param name="Snapshot">The item as stored under its <see cref="WorkItem.ETag"/>, if the message carried it.</param>
/// <param name="Claimed">
/// The snapshot's lease belongs to this process: it was taken when the item was created here (in-process transports
/// only; never set on a message read from a queue).
/// </param>
public sealed record WorkRef(string DealerCode, string Id, DateTimeOffset DueAt, WorkItem? Snapshot = null, bool Claimed = false);
