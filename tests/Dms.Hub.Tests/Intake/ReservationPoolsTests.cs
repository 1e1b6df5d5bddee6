using Dms.Hub.Intake;
using Dms.Hub.Registry;
using Dms.Hub.Storage;

namespace Dms.Hub.Tests.Intake;

public sealed class ReservationPoolsTests
{
    [Fact]
    public void FreeSlots_SameUnitsAsComparingEverySpelledKey()
    {
        // Until perf13 the free units were every SlotKey(1…capacity) not among the rows' keys, compared as strings: the
        // counted form must give the same units in the same order, whatever odd keys a scope holds.
        string[] keys = ["unit|0003", "unit|0001", "unit|3", "unit|0007", "unit|0011", "unit|9999", "unit|-001", "other", "unit|0010"];
        var entries = keys.Select(Entry).ToList();
        foreach (var capacity in new[] { 1, 3, 7, 10, 12, 10_500 })
        {
            var expected = Enumerable.Range(1, capacity).Select(ReservationPools.SlotKey).Where(k => !keys.Contains(k)).ToList();

            var free = ReservationPools.FreeSlots(entries, capacity);

            Assert.Equal(expected.Count, free.Count);
            Assert.Equal(expected, Enumerable.Range(0, free.Count).Select(i => ReservationPools.SlotKey(free[i])));
        }
    }

    [Fact]
    public void FreeSlots_AllTaken_NoneAndIndexingRefused()
    {
        var free = ReservationPools.FreeSlots([Entry("unit|0001"), Entry("unit|0002")], 2);

        Assert.Equal(0, free.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => free[0]);
    }

    private static ReservationEntry Entry(string key) =>
        new("scope", key, new ReservationHolder("D1", "parts-order", "P-" + key), DateTimeOffset.UnixEpoch, true, new Dictionary<string, string>(), "etag");
}
