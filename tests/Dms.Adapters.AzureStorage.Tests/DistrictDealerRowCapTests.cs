using Azure.Data.Tables;
using Dms.Adapters.AzureStorage.Internal.Insights;
using Dms.Hub.Insights;

namespace Dms.Adapters.AzureStorage.Tests;

/// <summary>
/// A district's dealers' row grows a column per dealer and metric; Azure refuses an entity of more than 252 properties
/// (which would stop the projector on every document of the district), so past its budget the row keeps only its mark.
/// </summary>
public sealed class DistrictDealerRowCapTests
{
    private static readonly DateTimeOffset Day = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void DistrictDealerRow_PastItsColumns_KeepsOnlyTheFullMark_OtherRowsAreLeftAlone()
    {
        var key = CounterRows.RowKey(new CounterKey(DistrictDealerRows.Of("North-A"), CounterGrain.Day, "parts-order", Day));
        Assert.StartsWith("d|k:North-A|parts-order|", key, StringComparison.Ordinal);

        var fits = Row(key, DistrictDealerRows.MaxColumns);
        Assert.Same(fits, CounterRows.Capped(fits));
        Assert.Equal(DistrictDealerRows.MaxColumns, CounterRows.Values(fits).Count);
        Assert.False(CounterRows.IsFull(fits));

        var full = CounterRows.Capped(Row(key, DistrictDealerRows.MaxColumns + 1));
        Assert.True(CounterRows.IsFull(full));
        Assert.Equal(DistrictDealerRows.Full, Assert.Single(CounterRows.Values(full).Keys));

        // Only those rows: a district's own row is never cut (its columns are the type's metrics, not one per dealer).
        var own = Row(CounterRows.RowKey(new CounterKey(CounterScope.ForDistrict("North-A"), CounterGrain.Day, "parts-order", Day)), 300);
        Assert.Equal(300, CounterRows.Values(CounterRows.Capped(own)).Count);
        Assert.False(CounterRows.IsFull(own));
    }

    private static TableEntity Row(string key, int columns)
    {
        var entity = new TableEntity(CounterRows.Partition, key);
        for (var i = 0; i < columns; i++)
        {
            entity[CounterRows.Column($"units@D{i:000}")] = (long)i;
        }

        return entity;
    }
}
