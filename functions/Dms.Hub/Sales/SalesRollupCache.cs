using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Sales;

/// <summary>
/// Aggregate rows in memory, shared by the writer and the queries: the incremental materialisation that keeps a
/// year-by-region breakdown over a million RDRs a matter of milliseconds. Rows are immutable snapshots; the writer
/// swaps in a new one after each commit (so this instance's writes show at once); a row older than
/// <see cref="SalesOptions.CacheSeconds"/> is still served while it is re-read in the background (other instances'
/// writes show within that time plus one read), so a query waits on storage only for a row it has never seen. Each row
/// remembers the shard version seen before it was read: while the shard's version is the same, a stale row is renewed
/// without being read again (see <see cref="ISalesRollupStore.GetVersionAsync"/>).
/// </summary>
public sealed class SalesRollupCache(IOptions<SalesOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<(int Shard, string Key), Entry> _rows = new();
    private readonly TimeSpan _ttl = TimeSpan.FromSeconds(options.Value.CacheSeconds);
    private readonly int _max = options.Value.MaxCachedRows;

    /// <summary>The last known version, however old: a writer commits under its ETag, so a stale one only costs a retry.</summary>
    public SalesRollupRow? ForWrite(int shard, string key) => _rows.TryGetValue((shard, key), out var entry) ? entry.Row : null;

    /// <summary>The cached row for a query (null: never read), and whether it is due for a refresh.</summary>
    public (Entry? Entry, bool Stale) ForRead(int shard, string key) =>
        _rows.TryGetValue((shard, key), out var entry) ? (entry, clock.GetUtcNow() - entry.LoadedAt >= _ttl) : (null, false);

    /// <summary>Caches <paramref name="row"/>, read (or written) when the shard's version was <paramref name="version"/> or later.</summary>
    public Entry Put(int shard, SalesRollupRow row, string version)
    {
        if (_rows.Count >= _max)
        {
            // Rare (a bound, not a working policy): drop the older half rather than grow without limit.
            foreach (var old in _rows.OrderBy(r => r.Value.LoadedAt).Take(_rows.Count / 2).Select(r => r.Key).ToList())
            {
                _rows.TryRemove(old, out _);
            }
        }

        var entry = new Entry(row, clock.GetUtcNow(), version);
        _rows[(shard, row.Key)] = entry;
        return entry;
    }

    /// <summary>
    /// Marks a row current as of <paramref name="checkedAt"/> (its shard's version was found unchanged then), keeping
    /// what was parsed and summed from it — unless it was replaced meanwhile.
    /// </summary>
    public void Renew(int shard, Entry entry, DateTimeOffset checkedAt) =>
        _rows.TryUpdate((shard, entry.Row.Key), entry.Renewed(checkedAt), entry);

    public void Invalidate(int shard, string key) => _rows.TryRemove((shard, key), out _);

    /// <summary>
    /// A row as loaded, with its cells parsed once (on first query), and its sums per query shape (grouping, filters,
    /// scope) remembered: a row that has not changed is summed once per shape, so a repeated breakdown over a year only
    /// adds up a few dozen partial sums per row. A write replaces the entry, and with it what was remembered.
    /// </summary>
    public sealed class Entry
    {
        private const int MaxShapes = 32;
        private readonly Lazy<(SalesCell Cell, long[] Vector)[]> _cells;
        private readonly ConcurrentDictionary<string, IReadOnlyDictionary<SalesGroup, long[]>> _sums;

        public Entry(SalesRollupRow row, DateTimeOffset loadedAt, string version)
            : this(row, loadedAt, version, new(() => row.Cells.Select(c => (SalesCell.Parse(c.Key), c.Value)).ToArray()), new(StringComparer.Ordinal))
        {
        }

        private Entry(SalesRollupRow row, DateTimeOffset loadedAt, string version, Lazy<(SalesCell, long[])[]> cells, ConcurrentDictionary<string, IReadOnlyDictionary<SalesGroup, long[]>> sums)
        {
            (Row, LoadedAt, Version, _cells, _sums) = (row, loadedAt, version, cells, sums);
        }

        public SalesRollupRow Row { get; }

        /// <summary>When the row was last known current (read, written, or its shard's version checked).</summary>
        public DateTimeOffset LoadedAt { get; }

        /// <summary>The shard's version seen before the row was read or with its commit.</summary>
        public string Version { get; }

        public (SalesCell Cell, long[] Vector)[] Cells => _cells.Value;

        public Entry Renewed(DateTimeOffset checkedAt) => new(Row, checkedAt, Version, _cells, _sums);

        public IReadOnlyDictionary<SalesGroup, long[]> SumsFor(string shape, Func<Entry, IReadOnlyDictionary<SalesGroup, long[]>> sum)
        {
            if (_sums.TryGetValue(shape, out var known))
            {
                return known;
            }

            if (_sums.Count >= MaxShapes)
            {
                _sums.Clear();
            }

            return _sums[shape] = sum(this);
        }
    }
}
