using Dms.Hub.Sales;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dms.Hub.Tests.Sales;

/// <summary>
/// A cached rollup row goes stale after <see cref="SalesOptions.CacheSeconds"/> and is read again: the same version
/// (same ETag) keeps what was parsed and summed from it and is fresh again; a new version, or a row never stored (no
/// ETag), starts over.
/// </summary>
public sealed class SalesRollupCacheTests
{
    private const string Key = "m|delivery|2026-11";
    private const string Shape = "region#";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));
    private readonly SalesRollupCache _cache;
    private int _summed;

    public SalesRollupCacheTests() => _cache = new(Options.Create(new SalesOptions { CacheSeconds = 10 }), _clock);

    [Fact]
    public void SameVersionReadAgain_IsFresh_AndKeepsItsSums()
    {
        var first = _cache.Put(3, Row("a", units: 2));
        var sums = first.SumsFor(Shape, Sum);
        _clock.Advance(TimeSpan.FromSeconds(11));
        Assert.True(_cache.ForRead(3, Key).Stale);

        var again = _cache.Put(3, Row("a", units: 2));

        var (entry, stale) = _cache.ForRead(3, Key);
        Assert.False(stale);
        Assert.Same(again, entry);
        Assert.Equal(_clock.GetUtcNow(), again.LoadedAt);
        Assert.Same(sums, again.SumsFor(Shape, Sum));
        Assert.Same(first.Cells, again.Cells);
        Assert.Equal(1, _summed);
    }

    [Fact]
    public void NewVersion_IsSummedAnew()
    {
        _cache.Put(3, Row("a", units: 2)).SumsFor(Shape, Sum);

        var changed = _cache.Put(3, Row("b", units: 5));

        Assert.Equal(5, changed.SumsFor(Shape, Sum).Values.Single()[0]);
        Assert.Equal(2, _summed);
    }

    [Fact]
    public void RowNeverStored_IsNotTakenForTheSameVersion()
    {
        _cache.Put(3, SalesRollupRow.Empty(Key)).SumsFor(Shape, Sum);

        _cache.Put(3, SalesRollupRow.Empty(Key)).SumsFor(Shape, Sum);

        Assert.Equal(2, _summed);
    }

    private static SalesRollupRow Row(string etag, long units) =>
        new(Key, new Dictionary<string, long[]>(StringComparer.Ordinal) { [new SalesCell("East", "East-1", "D100", "AUR-SUV", "Retail").Key] = [units] }, etag);

    private IReadOnlyDictionary<SalesGroup, long[]> Sum(SalesRollupCache.Entry entry)
    {
        _summed++;
        return entry.Cells.GroupBy(c => SalesGroup.Of(c.Cell, ["region"])).ToDictionary(g => g.Key, g => new[] { g.Sum(c => c.Vector[0]) });
    }
}
