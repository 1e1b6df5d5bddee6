namespace Dms.Hub.Work;

/// <summary>Enough to find a work item again: what travels through a transport (a queue message, a timer).</summary>
public sealed record WorkRef(string DealerCode, string Id, DateTimeOffset DueAt);
