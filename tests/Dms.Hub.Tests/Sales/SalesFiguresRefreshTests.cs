using Dms.Hub.Dealers;
using Dms.Hub.Sales;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dms.Hub.Tests.Sales;

/// <summary>
/// A breakdown is answered from cached rollup rows; once they are older than <see cref="SalesOptions.CacheSeconds"/>
/// the next query is still answered from them while each is checked in the background: by its version first, so only
/// a row that changed is read whole again, and the next query shows the change.
/// </summary>
public sealed class SalesFiguresRefreshTests
{
    private static readonly DateOnly Month = new(2026, 11, 1);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));
    private readonly Store _store = new();
    private readonly SalesRollupCache _cache;
    private readonly SalesFigures _figures;

    public SalesFiguresRefreshTests()
    {
        var options = Options.Create(new SalesOptions { Shards = 2, CacheSeconds = 10 });
        _cache = new SalesRollupCache(options, _clock);
        _figures = new SalesFigures(_store, _cache, options);
    }

    [Fact]
    public async Task StaleRows_AreCheckedByVersion_AndOnlyTheChangedOneIsReadAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        var key = SalesRowKeys.Month(SalesDimensions.SaleBasis, Month);
        _store.Put(0, key, sold: 3);
        _store.Put(1, key, sold: 4);
        Assert.Equal(7, (await _figures.QueryAsync(Query(), ct)).Total.Sold);
        var (reads, checks) = (_store.RowReads, _store.VersionReads);
        Assert.Equal(4, reads); // this year's month and last year's, in each of the two shards

        _clock.Advance(TimeSpan.FromSeconds(11));
        _store.Put(1, key, sold: 9);
        Assert.Equal(7, (await _figures.QueryAsync(Query(), ct)).Total.Sold); // answered from the cache while it is checked
        await FreshAsync(key);

        Assert.Equal(checks + 4, _store.VersionReads);
        Assert.Equal(reads + 1, _store.RowReads);
        Assert.Equal(12, (await _figures.QueryAsync(Query(), ct)).Total.Sold);
    }

    private static SalesQuery Query() =>
        new(SalesDimensions.SaleBasis, SalesGranularity.Month, [SalesDimensions.Region], Month, Month.AddMonths(1).AddDays(-1), new Dictionary<string, string>(), new HqScope("hq", null));

    private async Task FreshAsync(string key)
    {
        var lastYear = SalesRowKeys.Month(SalesDimensions.SaleBasis, Month.AddYears(-1));
        for (var i = 0; i < 500 && new[] { (0, key), (1, key), (0, lastYear), (1, lastYear) }.Any(k => _cache.ForRead(k.Item1, k.Item2).Stale); i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Rows in memory, each write a new version; counts the whole reads and the version checks.</summary>
    private sealed class Store : ISalesRollupStore
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<(int, string), SalesRollupRow> _rows = new();
        private int _rowReads;
        private int _versionReads;

        public int RowReads => _rowReads;

        public int VersionReads => _versionReads;

        public void Put(int shard, string key, long sold)
        {
            var vector = SalesVector.Empty();
            vector[SalesVector.Sold] = sold;
            var cells = new Dictionary<string, long[]>(StringComparer.Ordinal) { [new SalesCell("East", "East-1", "D100", "AUR-SUV", "Retail").Key] = vector };
            _rows[(shard, key)] = new SalesRollupRow(key, cells, Guid.NewGuid().ToString("N"));
        }

        public Task<SalesRollupRow> GetRowAsync(int shard, string key, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _rowReads);
            return Task.FromResult(_rows.GetValueOrDefault((shard, key)) ?? SalesRollupRow.Empty(key));
        }

        public Task<string?> GetETagAsync(int shard, string key, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _versionReads);
            return Task.FromResult(_rows.GetValueOrDefault((shard, key))?.ETag);
        }

        public Task<IReadOnlyDictionary<string, StoredContribution>> GetContributionsAsync(int shard, IReadOnlyCollection<string> trackingIds, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<IReadOnlyDictionary<string, string>?> CommitAsync(int shard, IReadOnlyList<ContributionChange> contributions, IReadOnlyList<SalesRollupRow> rows, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task ImportAsync(int shard, IReadOnlyList<(string TrackingId, SalesContribution Value)> contributions, IReadOnlyList<SalesRollupRow> rows, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
