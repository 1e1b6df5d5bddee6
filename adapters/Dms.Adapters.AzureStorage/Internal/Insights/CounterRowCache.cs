using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace Dms.Adapters.AzureStorage.Internal.Insights;

/// <summary>
/// Counter rows as this process last wrote (or read) them, with their ETags. Safe across instances without
/// invalidation: every write of a counter row is conditional on the ETag it was planned on, so a copy another process
/// made stale fails its transaction, is forgotten and read again. Bounded: past <see cref="MaxRows"/> it starts over
/// (hourly rows come and go; a cleared row costs one read).
/// </summary>
internal sealed class CounterRowCache
{
    private const int MaxRows = 20_000;
    private readonly ConcurrentDictionary<string, (Dictionary<string, object> Values, ETag ETag)> _rows = new(StringComparer.Ordinal);

    /// <summary>A private copy of the row as last written, or null when not known.</summary>
    public Row? Get(string rowKey)
    {
        if (!_rows.TryGetValue(rowKey, out var known))
        {
            return null;
        }

        var entity = new TableEntity(CounterRows.Partition, rowKey) { ETag = known.ETag };
        foreach (var (name, value) in known.Values)
        {
            entity[name] = value;
        }

        return new Row(entity);
    }

    public void Put(string rowKey, TableEntity entity, ETag etag)
    {
        if (_rows.Count >= MaxRows)
        {
            _rows.Clear();
        }

        var values = entity.Where(p => p.Key is not ("odata.etag" or "PartitionKey" or "RowKey" or "Timestamp") && p.Value is not null)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        _rows[rowKey] = (values, etag);
    }

    public void Forget(IEnumerable<string> rowKeys)
    {
        foreach (var key in rowKeys)
        {
            _rows.TryRemove(key, out _);
        }
    }

    /// <summary>A counter row as planned on: null when it does not exist (yet).</summary>
    public sealed record Row(TableEntity? Entity);
}
