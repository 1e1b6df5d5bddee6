using Dms.Hub.Common;

namespace Dms.Hub.Tests.Common;

public sealed class IdsTests
{
    [Fact]
    public void NewUlid_LaterTime_SortsAfter()
    {
        var t = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

        var first = Ids.NewUlid(t);
        var second = Ids.NewUlid(t.AddMilliseconds(1));

        Assert.True(Ids.IsUlid(first));
        Assert.True(string.CompareOrdinal(first, second) < 0);
        Assert.StartsWith(Ids.TimePrefix(t), first, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("D001-01M83ER6YJZWAF6BVVGVEXTAHK", true)]
    [InlineData("d001-01M83ER6YJZWAF6BVVGVEXTAHK", false)]
    [InlineData("D001-01M83ER6YJZWAF6BVVGVEXTAH", false)]
    [InlineData("D001_01M83ER6YJZWAF6BVVGVEXTAHK", false)]
    [InlineData("-01M83ER6YJZWAF6BVVGVEXTAHK", false)]
    [InlineData("../etc/passwd", false)]
    public void TrackingIds_TryParse_OnlyDealerDashUlid(string id, bool valid)
    {
        Assert.Equal(valid, TrackingIds.TryParse(id, out var dealer));
        Assert.Equal(valid ? "D001" : string.Empty, dealer);
    }
}
