namespace Dms.Hub.Operations;

/// <summary>
/// One thing a person did through the console or the admin API: who (ID, name, role), when, what, to what, why
/// and to how many items. Written before the answer is given; never changed.
/// </summary>
public sealed record AuditRecord(
    string Id,
    DateTimeOffset At,
    string ActorId,
    string ActorName,
    string Role,
    string Action,
    string Target,
    string? Reason,
    int Count,
    string? Details = null)
{
    public static AuditRecord For(string actorId, string actorName, string role, string action, string target, string? reason, int count, DateTimeOffset at, string? details = null) =>
        new(Common.Ids.NewUlid(at), at, actorId, actorName, role, action, target, reason, count, details);
}
