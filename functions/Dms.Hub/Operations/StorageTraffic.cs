using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Dms.Hub.Common;

namespace Dms.Hub.Operations;

/// <summary>
/// Round trips the hub makes to its storage, by kind (table-read, table-query, table-write, table-batch, queue):
/// counted by the storage adapter, published as the metric <c>dms.storage.requests</c> and in the admin runtime view,
/// so a benchmark can tell how many storage calls a document costs.
/// </summary>
public sealed class StorageTraffic
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly Counter<long> _metric;

    /// <param name="meters">The host's meter factory; without one (a bare service collection) a private meter is used.</param>
    public StorageTraffic(IMeterFactory? meters = null) =>
        _metric = (meters?.Create(HubTelemetry.Name) ?? new Meter(HubTelemetry.Name)).CreateCounter<long>("dms.storage.requests", description: "Storage round trips by kind.");

    public void Count(string kind)
    {
        _counts.AddOrUpdate(kind, 1, (_, n) => n + 1);
        _metric.Add(1, new KeyValuePair<string, object?>("kind", kind));
    }

    public IReadOnlyDictionary<string, long> Snapshot() => new SortedDictionary<string, long>(_counts, StringComparer.Ordinal);
}
