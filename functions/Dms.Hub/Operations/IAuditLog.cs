namespace Dms.Hub.Operations;

/// <summary>Port: the audit trail of operator and admin actions, read newest first.</summary>
public interface IAuditLog
{
    Task AppendAsync(AuditRecord record, CancellationToken cancellationToken);

    /// <summary>Throws <see cref="FormatException"/> for a continuation token it did not issue.</summary>
    Task<AuditPage> ListAsync(AuditQuery query, CancellationToken cancellationToken);
}

/// <summary>Records from [<see cref="From"/>, <see cref="To"/>), newest first, optionally of one actor or action.</summary>
public sealed record AuditQuery(DateTimeOffset From, DateTimeOffset To, int PageSize, string? ActorId = null, string? Action = null, string? ContinuationToken = null);

public sealed record AuditPage(IReadOnlyList<AuditRecord> Items, string? ContinuationToken);
