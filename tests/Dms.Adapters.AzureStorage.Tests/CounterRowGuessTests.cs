using Azure.Data.Tables;
using Dms.Adapters.AzureStorage.Internal;
using Dms.Adapters.AzureStorage.Internal.Insights;
using Dms.Hub.Insights;
using Dms.Hub.Operations;

namespace Dms.Adapters.AzureStorage.Tests;

/// <summary>
/// A counter row the projector does not know is read before it is counted — unless reads have lately found only new
/// rows (a new hour or day, a new dealer): then it is added without a read, and a row that existed after all (written
/// by another process) fails the add, is read, and is counted once.
/// </summary>
public sealed class CounterRowGuessTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static readonly DateTimeOffset Monday = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
    private readonly string _type = "t" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task WhileMissesAreNew_NewRowsAreAddedWithoutReads_AndARowAnotherProcessWrote_IsReadAndCountedOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var (mine, other) = (new CounterRowCache(), new CounterRowCache());

        await CountAsync(other, [0], ct); // another process (or this one before a restart) wrote day 0
        Assert.Equal(1, await ReadsAsync(() => CountAsync(mine, [1], ct))); // a process starts by reading: day 1 is new
        Assert.True(mine.MissesAreNew);

        Assert.Equal(0, await ReadsAsync(() => CountAsync(mine, [2, 3], ct))); // new rows, no reads

        // Day 0 exists, unknown here: the add fails, both rows are read, and the next unknown row is read again.
        Assert.Equal(2, await ReadsAsync(() => CountAsync(mine, [0, 4], ct)));
        Assert.False(mine.MissesAreNew);
        Assert.Equal(1, await ReadsAsync(() => CountAsync(mine, [5], ct)));
        Assert.True(mine.MissesAreNew);

        Assert.Equal([2L, 1L, 1L, 1L, 1L, 1L], await ValuesAsync(6, ct));
    }

    private async Task CountAsync(CounterRowCache cache, int[] days, CancellationToken ct)
    {
        var tables = fixture.Get<TableSet>();
        var id = "G" + Guid.NewGuid().ToString("N");
        var added = await tables.Counters.AddEntityAsync(new TableEntity(CounterRows.Partition, CounterRows.ReceiptKey(id)), ct);
        var facts = new DocumentFacts
        {
            TrackingId = id, DocumentType = _type, DealerCode = "GU01", Region = "North", DocumentNumber = id,
            Status = "Received", Channel = "rest", Outcome = "received",
        };
        var receipt = new ProjectionReceipt(id, null, facts, added.Headers.ETag!.Value.ToString());
        var deltas = days.Select(d => new CounterDelta(Key(d), "received", 1)).ToList();
        var counted = await new CounterTransactions(tables.Counters, cache, fixture.Get<CounterMirror>()).CountAsync([(receipt, deltas)], ct);
        Assert.Equal(id, Assert.Single(counted).TrackingId);
    }

    private async Task<long> ReadsAsync(Func<Task> count)
    {
        var traffic = fixture.Get<StorageTraffic>();
        var before = traffic.Snapshot().GetValueOrDefault("table-read");
        await count();
        return traffic.Snapshot().GetValueOrDefault("table-read") - before;
    }

    private async Task<List<long>> ValuesAsync(int days, CancellationToken ct)
    {
        var values = new List<long>();
        for (var day = 0; day < days; day++)
        {
            var row = await fixture.Get<TableSet>().Counters.GetEntityAsync<TableEntity>(CounterRows.Partition, CounterRows.RowKey(Key(day)), cancellationToken: ct);
            values.Add((long)row.Value[CounterRows.Column("received")]);
        }

        return values;
    }

    private CounterKey Key(int day) => new(CounterScope.All, CounterGrain.Day, _type, Monday.AddDays(day));
}
