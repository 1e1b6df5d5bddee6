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
/// <remarks>
/// A row this process does not know is either new (a new hour, day or week; a dealer's first documents) or one written
/// before the process took the lease or cleared its copies. <see cref="MissesAreNew"/> says which the last reads found:
/// while they found only new rows, an unknown row is added without a read (the add fails its transaction if the row
/// exists after all, and the rows are read then) — the read cost a round trip a new row, 0.2–0.3 a document of the
/// benchmark, whose every phase brings new dealers. After a start, a take-over or a clear the misses are old rows: the
/// first transaction that guessed wrong turns the guessing off, and the next reads that find only new rows turn it on.
/// </remarks>
internal sealed class CounterRowCache
{
    private const int MaxRows = 20_000;
    private readonly ConcurrentDictionary<string, (Dictionary<string, object> Values, ETag ETag)> _rows = new(StringComparer.Ordinal);
    private volatile bool _missesAreNew;

    /// <summary>Whether a row not known here has lately turned out not to exist (so adding it without a read pays).</summary>
    public bool MissesAreNew
    {
        get => _missesAreNew;
        set => _missesAreNew = value;
    }

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
