using Dms.Hub.Dealers;
using Dms.Hub.Sales;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dms.Hub.Tests.Sales;

/// <summary>
/// A breakdown is answered from cached rollup rows; once they are older than <see cref="SalesOptions.CacheSeconds"/>
/// the next query is still answered from them while they are brought up to date in the background: a row whose shard's
/// version has not moved is renewed without being read, the others are read again — at most
/// <see cref="SalesOptions.RefreshesInFlight"/> at a time, so a year of stale rows does not queue ahead of the next
/// requests' own reads — and a later query shows what changed.
/// </summary>
public sealed class SalesFiguresRefreshTests
{
    private const int Shards = 8;
    private const int InFlight = 2;
    private static readonly DateOnly Month = new(2026, 11, 1);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));
    private readonly Store _store = new();
    private readonly SalesRollupCache _cache;
    private readonly SalesFigures _figures;

    public SalesFiguresRefreshTests()
    {
        var options = Options.Create(new SalesOptions { Shards = Shards, CacheSeconds = 10, RefreshesInFlight = InFlight });
        _cache = new SalesRollupCache(options, _clock);
        _figures = new SalesFigures(_store, _cache, options, _clock);
    }

    private static string Key => SalesRowKeys.Month(SalesDimensions.SaleBasis, Month);

    [Fact]
    public async Task StaleRowsOfChangedShards_AreReadAgainAFewAtATime_WhileQueriesAreAnsweredFromTheCache()
    {
        var ct = TestContext.Current.CancellationToken;
        PutEverywhere(sold: 1);
        Assert.Equal(Shards, (await _figures.QueryAsync(Query(), ct)).Total.Sold);
        var reads = _store.RowReads;
        Assert.Equal(2 * Shards, reads); // this year's month and last year's, in every shard

        _clock.Advance(TimeSpan.FromSeconds(11));
        PutEverywhere(sold: 2);
        _store.Slow = true;
        Assert.Equal(Shards, (await _figures.QueryAsync(Query(), ct)).Total.Sold); // answered from the cache while it is read again
        await FreshAsync();

        Assert.Equal(reads + 2 * Shards, _store.RowReads);
        Assert.InRange(_store.MostInFlight, 1, InFlight);
        Assert.Equal(2 * Shards, (await _figures.QueryAsync(Query(), ct)).Total.Sold);
    }

    [Fact]
    public async Task StaleRowsOfUnchangedShards_AreRenewedByOneVersionReadPerShard_NotReadAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        PutEverywhere(sold: 1);
        await _figures.QueryAsync(Query(), ct);
        var (rows, versions) = (_store.RowReads, _store.VersionReads);
        Assert.Equal(Shards, versions); // asked once per shard before its rows were first read

        _clock.Advance(TimeSpan.FromSeconds(11));
        await _figures.QueryAsync(Query(), ct);
        await FreshAsync();
        Assert.Equal(rows, _store.RowReads);
        Assert.Equal(versions + Shards, _store.VersionReads);

        // One shard written: only its two rows are read again.
        _clock.Advance(TimeSpan.FromSeconds(11));
        _store.Put(3, Key, sold: 5);
        await _figures.QueryAsync(Query(), ct);
        await FreshAsync();
        Assert.Equal(rows + 2, _store.RowReads);
        Assert.Equal(Shards + 4, (await _figures.QueryAsync(Query(), ct)).Total.Sold);
    }

    private void PutEverywhere(long sold)
    {
        for (var shard = 0; shard < Shards; shard++)
        {
            _store.Put(shard, Key, sold);
        }
    }

    private static SalesQuery Query() =>
        new(SalesDimensions.SaleBasis, SalesGranularity.Month, [SalesDimensions.Region], Month, Month.AddMonths(1).AddDays(-1), new Dictionary<string, string>(), new HqScope("hq", null));

    private async Task FreshAsync()
    {
        var keys = Enumerable.Range(0, Shards).SelectMany(s => new[] { (s, Key), (s, SalesRowKeys.Month(SalesDimensions.SaleBasis, Month.AddYears(-1))) }).ToList();
        for (var i = 0; i < 1000 && keys.Any(k => _cache.ForRead(k.Item1, k.Item2).Stale); i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Rows in memory, each write a new version of its shard; counts the reads and the most rows in flight at once.</summary>
    private sealed class Store : ISalesRollupStore
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<(int, string), SalesRollupRow> _rows = new();
        private readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> _versions = new();
        private int _rowReads;
        private int _versionReads;
        private int _inFlight;
        private int _mostInFlight;

        public int RowReads => _rowReads;

        public int VersionReads => _versionReads;

        public int MostInFlight => _mostInFlight;

        /// <summary>Each read takes a while (so reads not limited would overlap).</summary>
        public bool Slow { get; set; }

        public void Put(int shard, string key, long sold)
        {
            var vector = SalesVector.Empty();
            vector[SalesVector.Sold] = sold;
            var cells = new Dictionary<string, long[]>(StringComparer.Ordinal) { [new SalesCell("East", "East-1", "D100", "AUR-SUV", "Retail").Key] = vector };
            _rows[(shard, key)] = new SalesRollupRow(key, cells, Guid.NewGuid().ToString("N"));
            _versions[shard] = Guid.NewGuid().ToString("N");
        }

        public Task<string> GetVersionAsync(int shard, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _versionReads);
            return Task.FromResult(_versions.GetValueOrDefault(shard, ""));
        }

        public async Task<SalesRollupRow> GetRowAsync(int shard, string key, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _rowReads);
            var now = Interlocked.Increment(ref _inFlight);
            try
            {
                if (Slow)
                {
                    InterlockedMax(now);
                    await Task.Delay(20, cancellationToken);
                }

                return _rows.GetValueOrDefault((shard, key)) ?? SalesRollupRow.Empty(key);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        public Task<IReadOnlyDictionary<string, StoredContribution>> GetContributionsAsync(int shard, IReadOnlyCollection<string> trackingIds, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<SalesCommit?> CommitAsync(int shard, IReadOnlyList<ContributionChange> contributions, IReadOnlyList<SalesRollupRow> rows, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task ImportAsync(int shard, IReadOnlyList<(string TrackingId, SalesContribution Value)> contributions, IReadOnlyList<SalesRollupRow> rows, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        private void InterlockedMax(int value)
        {
            for (var seen = _mostInFlight; value > seen; seen = _mostInFlight)
            {
                if (Interlocked.CompareExchange(ref _mostInFlight, value, seen) == seen)
                {
                    return;
                }
            }
        }
    }
}
