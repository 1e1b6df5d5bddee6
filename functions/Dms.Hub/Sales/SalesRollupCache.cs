using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Sales;

/// <summary>
/// Aggregate rows in memory, shared by the writer and the queries: the incremental materialisation that keeps a
/// year-by-region breakdown over a million RDRs a matter of milliseconds. Rows are immutable snapshots; the writer
/// swaps in a new one after each commit, queries re-read a row from storage once it is older than
/// <see cref="SalesOptions.CacheSeconds"/> (other instances' writes).
/// </summary>
public sealed class SalesRollupCache(IOptions<SalesOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<(int Shard, string Key), (SalesRollupRow Row, DateTimeOffset LoadedAt)> _rows = new();
    private readonly TimeSpan _ttl = TimeSpan.FromSeconds(options.Value.CacheSeconds);
    private readonly int _max = options.Value.MaxCachedRows;

    /// <summary>The last known version, however old: a writer commits under its ETag, so a stale one only costs a retry.</summary>
    public SalesRollupRow? ForWrite(int shard, string key) => _rows.TryGetValue((shard, key), out var entry) ? entry.Row : null;

    /// <summary>A version young enough for a query.</summary>
    public SalesRollupRow? ForRead(int shard, string key) =>
        _rows.TryGetValue((shard, key), out var entry) && clock.GetUtcNow() - entry.LoadedAt < _ttl ? entry.Row : null;

    public void Put(int shard, SalesRollupRow row)
    {
        if (_rows.Count >= _max)
        {
            // Rare (a bound, not a working policy): drop the older half rather than grow without limit.
            foreach (var old in _rows.OrderBy(r => r.Value.LoadedAt).Take(_rows.Count / 2).Select(r => r.Key).ToList())
            {
                _rows.TryRemove(old, out _);
            }
        }

        _rows[(shard, row.Key)] = (row, clock.GetUtcNow());
    }

    public void Invalidate(int shard, string key) => _rows.TryRemove((shard, key), out _);
}
