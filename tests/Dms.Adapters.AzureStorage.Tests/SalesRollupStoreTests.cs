using Dms.Hub.Sales;
using Microsoft.Extensions.Options;

namespace Dms.Adapters.AzureStorage.Tests;

/// <summary>
/// The rollups over real Table Storage with two writers that share nothing but the store (two hub instances): every
/// document's final contribution counted exactly once, whatever the interleaving and however often it is applied.
/// </summary>
public sealed class SalesRollupStoreTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static readonly IOptions<SalesOptions> Options = Microsoft.Extensions.Options.Options.Create(new SalesOptions { Shards = 3, MaxGroupedDocuments = 10, CacheSeconds = 0 });

    [Fact]
    public async Task TwoWritersConcurrently_DocumentsChangingAndAppliedRepeatedly_AggregatesEqualTheFinalContributions()
    {
        var store = fixture.Get<ISalesRollupStore>();
        var writers = new[] { Writer(store), Writer(store) };
        var random = new Random(7);
        var documents = Enumerable.Range(0, 240).Select(i => (Id: $"T{i % 7}-{Guid.NewGuid():N}", Steps: Steps(random, i))).ToList();

        var expected = new Dictionary<(string, string), long[]>();
        foreach (var final in documents.Select(d => d.Steps[^1]).OfType<SalesFacts>())
        {
            foreach (var basis in SalesDimensions.Bases)
            {
                var key = (SalesRowKeys.Month(basis, basis == SalesDimensions.SaleBasis ? final.SaleDate : final.DeliveryDate), final.Cell.Key);
                SalesVector.Add(expected.TryGetValue(key, out var v) ? v : expected[key] = SalesVector.Empty(), final.Vector);
            }
        }

        // The class's other tests share these tables (and xunit's order depends on the assembly's path): compare what
        // this test changed, not the totals.
        var before = await ReadCellsAsync(store, expected.Keys);

        await Parallel.ForEachAsync(documents, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (document, ct) =>
        {
            foreach (var facts in document.Steps)
            {
                await writers[Random.Shared.Next(2)].ApplyAsync(document.Id, facts, ct);
            }

            // Effects run again (a redelivered work item, another instance): nothing changes.
            await Task.WhenAll(writers.Select(w => w.ApplyAsync(document.Id, document.Steps[^1], ct)));
        });

        var actual = await ReadCellsAsync(store, expected.Keys);
        foreach (var (key, vector) in before)
        {
            SalesVector.Add(actual.TryGetValue(key, out var v) ? v : actual[key] = SalesVector.Empty(), vector, -1);
        }

        foreach (var key in actual.Where(a => SalesVector.IsZero(a.Value)).Select(a => a.Key).ToList())
        {
            actual.Remove(key);
        }

        Assert.Equal(expected.Count, actual.Count);
        Assert.All(expected, e => Assert.Equal(e.Value, actual[e.Key]));
    }

    [Fact]
    public async Task ApplyingTheSameFactsAgain_WritesNothing()
    {
        var store = fixture.Get<ISalesRollupStore>();
        var writer = Writer(store);
        var facts = Facts(new Random(1), unwound: false);
        var id = "T9-" + Guid.NewGuid().ToString("N");
        await writer.ApplyAsync(id, facts, TestContext.Current.CancellationToken);
        var shard = writer.ShardOf(id);
        var before = await store.GetRowAsync(shard, SalesRowKeys.Month(SalesDimensions.SaleBasis, facts.SaleDate), TestContext.Current.CancellationToken);

        await Writer(store).ApplyAsync(id, facts, TestContext.Current.CancellationToken);

        var after = await store.GetRowAsync(shard, SalesRowKeys.Month(SalesDimensions.SaleBasis, facts.SaleDate), TestContext.Current.CancellationToken);
        Assert.Equal(before.ETag, after.ETag);
        Assert.Equal(before.Cells[facts.Cell.Key], after.Cells[facts.Cell.Key]);
    }

    /// <summary>
    /// Rollup work items carry the RDR's facts and revision (no read of the document, nor of the contribution of a
    /// report counted for the first time): items running twice (a crash after the rollup's transaction, before the item
    /// was completed), out of order, or on two instances still leave each report counted once, as its newest revision says.
    /// </summary>
    [Fact]
    public async Task CarriedFacts_RunTwiceOrOutOfOrder_TheNewestRevisionCountsOnce()
    {
        var store = fixture.Get<ISalesRollupStore>();
        var ct = TestContext.Current.CancellationToken;
        var random = new Random(11);
        var sold = Facts(random, unwound: false) with { Revision = 3 };
        var unwound = sold with { Vector = Vector(sold, unwound: true), Revision = 6 };
        var rejected = sold with { Vector = SalesVector.Empty(), Revision = 5 };
        var (again, late, never) = ("T1-" + Guid.NewGuid().ToString("N"), "T2-" + Guid.NewGuid().ToString("N"), "T3-" + Guid.NewGuid().ToString("N"));
        var keys = new[] { (SalesRowKeys.Month(SalesDimensions.SaleBasis, sold.SaleDate), sold.Cell.Key) };
        var before = await ReadCellsAsync(store, keys);

        // Counted for the first time, then the item runs again on another instance (assumed new: the add fails, the
        // stored contribution is read, its revision says it is done).
        await Writer(store).ApplyAsync(again, sold, isNew: true, ct);
        await Writer(store).ApplyAsync(again, sold, isNew: true, ct);

        // Unwound (revision 6) applied before the sale that counted it (revision 3) arrives.
        await Writer(store).ApplyAsync(late, unwound, isNew: false, ct);
        await Writer(store).ApplyAsync(late, sold, isNew: true, ct);

        // Rejected by the OEM (revision 5, counts for nothing) before its acceptance (revision 3) is applied: an empty
        // contribution remembers the revision, so the acceptance arriving late counts nothing.
        await Writer(store).ApplyAsync(never, rejected, isNew: false, ct);
        await Writer(store).ApplyAsync(never, sold, isNew: true, ct);

        var after = await ReadCellsAsync(store, keys);
        var change = (long[])after[keys[0]].Clone();
        SalesVector.Add(change, before.TryGetValue(keys[0], out var was) ? was : SalesVector.Empty(), -1);
        var expected = (long[])sold.Vector.Clone();
        SalesVector.Add(expected, unwound.Vector);
        Assert.Equal(expected, change);

        var stored = await store.GetContributionsAsync(Writer(store).ShardOf(never), [never], ct);
        Assert.Equal(5, stored[never].Value.Revision);
        Assert.True(SalesVector.IsZero(stored[never].Value.Vector));
    }

    /// <summary>
    /// A shard's version (what a cached row is checked against before it is read again) moves on with every commit and
    /// import into that shard, and not with an apply that changes nothing, nor with a write to another shard.
    /// </summary>
    [Fact]
    public async Task ShardVersion_MovesOnWithEachWriteToTheShard_Only()
    {
        var store = fixture.Get<ISalesRollupStore>();
        var ct = TestContext.Current.CancellationToken;
        var facts = Facts(new Random(5), unwound: false);
        var id = "T4-" + Guid.NewGuid().ToString("N");
        var shard = Writer(store).ShardOf(id);
        var other = (shard + 1) % 3;
        var (before, otherBefore) = (await store.GetVersionAsync(shard, ct), await store.GetVersionAsync(other, ct));

        await Writer(store).ApplyAsync(id, facts, ct);
        var written = await store.GetVersionAsync(shard, ct);
        Assert.NotEqual(before, written);
        Assert.NotEqual("", written);

        await Writer(store).ApplyAsync(id, facts, ct);
        Assert.Equal(written, await store.GetVersionAsync(shard, ct));

        await store.ImportAsync(shard, [], [], ct);
        Assert.NotEqual(written, await store.GetVersionAsync(shard, ct));
        Assert.Equal(otherBefore, await store.GetVersionAsync(other, ct));
    }

    private static async Task<Dictionary<(string, string), long[]>> ReadCellsAsync(ISalesRollupStore store, IEnumerable<(string Row, string Cell)> keys)
    {
        var cells = new Dictionary<(string, string), long[]>();
        foreach (var row in keys.Select(k => k.Row).Distinct())
        {
            for (var shard = 0; shard < 3; shard++)
            {
                foreach (var (cell, vector) in (await store.GetRowAsync(shard, row, TestContext.Current.CancellationToken)).Cells)
                {
                    SalesVector.Add(cells.TryGetValue((row, cell), out var v) ? v : cells[(row, cell)] = SalesVector.Empty(), vector);
                }
            }
        }

        return cells;
    }

    private static SalesRollupWriter Writer(ISalesRollupStore store) => new(store, new SalesRollupCache(Options, TimeProvider.System), Options);

    /// <summary>What an RDR counts for over its life: accepted, then perhaps unwound, or rejected by the OEM (nothing).</summary>
    private static List<SalesFacts?> Steps(Random random, int i)
    {
        var accepted = Facts(random, unwound: false);
        return (i % 5) switch
        {
            0 => [accepted, accepted with { Vector = Vector(accepted, unwound: true) }],
            1 => [accepted, null],
            _ => [accepted],
        };
    }

    private static SalesFacts Facts(Random random, bool unwound)
    {
        var delivered = new DateOnly(2026, 1 + random.Next(3), 1 + random.Next(28));
        var cell = new SalesCell("East", "East-" + random.Next(2), "D" + random.Next(100, 104), random.Next(2) == 0 ? "AUR-SUV" : "BOR-SED", "Retail");
        return new SalesFacts(cell, delivered.AddDays(-random.Next(5)), delivered, SalesVector.Of(unwound, random.Next(10)));
    }

    private static long[] Vector(SalesFacts facts, bool unwound)
    {
        var vector = (long[])facts.Vector.Clone();
        vector[SalesVector.Unwound] = unwound ? 1 : 0;
        return vector;
    }
}
