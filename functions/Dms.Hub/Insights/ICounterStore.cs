namespace Dms.Hub.Insights;

/// <summary>
/// Port: the counters (hourly and daily rows per scope and type, and gauges), the projection receipts that make each
/// change count exactly once, and the projector's lease — all in one partition, so they change together atomically.
/// </summary>
public interface ICounterStore
{
    Task<IReadOnlyDictionary<string, ProjectionReceipt>> GetReceiptsAsync(CancellationToken cancellationToken);

    /// <summary>Stores receipts (inserted, or replaced under their ETag); returns them with their new ETags.</summary>
    Task<IReadOnlyList<ProjectionReceipt>> PutReceiptsAsync(IReadOnlyList<ProjectionReceipt> receipts, CancellationToken cancellationToken);

    /// <summary>
    /// Applies each document's counter deltas and removes its receipt (the projection is complete), atomically per
    /// document; returns the receipts as counted (their targets counted, no longer stored).
    /// </summary>
    Task<IReadOnlyList<ProjectionReceipt>> CountAsync(IReadOnlyList<(ProjectionReceipt Receipt, IReadOnlyList<CounterDelta> Deltas)> changes, CancellationToken cancellationToken);

    /// <summary>
    /// Rows of one scope and grain, of these types, with buckets starting in [<paramref name="start"/>, <paramref name="until"/>)
    /// (a dealer has daily rows only); only the counters of <paramref name="metrics"/> when given (far less to send).
    /// </summary>
    Task<IReadOnlyList<CounterRow>> ReadAsync(CounterScope scope, CounterGrain grain, IReadOnlyList<string> documentTypes, DateTimeOffset start, DateTimeOffset until, IReadOnlyCollection<string>? metrics, CancellationToken cancellationToken);

    /// <summary>The gauges (documents as they stand now) of one scope and type.</summary>
    Task<CounterRow> ReadGaugesAsync(CounterScope scope, string documentType, CancellationToken cancellationToken);

    /// <summary>The rows of these keys that exist, each by a point read (the way to read many scopes or a long period cheaply).</summary>
    Task<IReadOnlyList<CounterRow>> GetAsync(IReadOnlyList<CounterKey> keys, CancellationToken cancellationToken);

    /// <summary>Every dealer's health rows (<see cref="FactsDiff.DealerHealthRow"/>) of the weeks that start in [<paramref name="start"/>, <paramref name="until"/>).</summary>
    Task<IReadOnlyList<CounterRow>> ReadDealerHealthAsync(DateTimeOffset start, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Every dealer's gauges (all types); only <paramref name="metrics"/> when given.</summary>
    Task<IReadOnlyList<CounterRow>> ReadDealerGaugesAsync(IReadOnlyCollection<string>? metrics, CancellationToken cancellationToken);

    /// <summary>Every failure tally row (<see cref="FailureTally"/>): the open failures by group, region, type, day and hour.</summary>
    Task<IReadOnlyList<CounterRow>> ReadFailureTallyAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Takes or renews the lease named <paramref name="name"/> for <paramref name="owner"/>: <see cref="LeaseOutcome.Refused"/>
    /// while another owner holds it; <see cref="LeaseOutcome.Renewed"/> when it was renewed under the ETag this owner last
    /// wrote (nobody else held it in between, however long ago that was).
    /// </summary>
    Task<LeaseOutcome> TryLeaseAsync(string name, string owner, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>When the projector last finished a cycle (the time counters are "as of").</summary>
    Task<DateTimeOffset?> GetWatermarkAsync(CancellationToken cancellationToken);

    Task SetWatermarkAsync(DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>One counter row as read: its key and its counters by metric.</summary>
public sealed record CounterRow(CounterKey Key, IReadOnlyDictionary<string, long> Values)
{
    public long Get(string metric) => Values.TryGetValue(metric, out var value) ? value : 0;
}

/// <summary>How an attempt to take or renew a lease ended.</summary>
public enum LeaseOutcome
{
    /// <summary>Another owner holds it.</summary>
    Refused,

    /// <summary>Taken anew (free, lapsed, or this owner's copy of it was stale): someone else may have held it since this owner last did.</summary>
    Taken,

    /// <summary>Renewed under the ETag this owner last wrote: held without a break.</summary>
    Renewed,
}
