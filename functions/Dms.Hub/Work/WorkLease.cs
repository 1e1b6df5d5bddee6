namespace Dms.Hub.Work;

/// <summary>A work item claimed by one runner until <see cref="Until"/>; the attempt was counted durably before it ran.</summary>
public sealed record WorkLease(WorkItem Item, DateTimeOffset Until, string ETag)
{
    public int Attempt => Item.Attempt;
}
