namespace Dms.Hub.Work;

/// <summary>The answer to a lease request: the lease, or until when someone else holds the item (null: it is gone).</summary>
public sealed record LeaseAttempt(WorkLease? Lease, DateTimeOffset? BusyUntil)
{
    public static LeaseAttempt Gone { get; } = new(null, null);
}
