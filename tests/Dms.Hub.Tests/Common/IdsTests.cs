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

    [Fact]
    public void WriteRandom_SameCharactersAsTheBigIntegerEncoding()
    {
        // The random part was encoded through a BigInteger until perf13: the word-based encoding must spell the same
        // 16 characters for any 80 bits (edges and random draws).
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        List<byte[]> inputs = [new byte[10], Enumerable.Repeat((byte)0xFF, 10).ToArray(), [0x80, 0, 0, 0, 0, 0, 0, 0, 0, 1], [0, 1, 0x80, 0, 0, 0, 0, 0, 0, 0]];
        var random = new Random(13);
        for (var i = 0; i < 500; i++)
        {
            var bytes = new byte[10];
            random.NextBytes(bytes);
            inputs.Add(bytes);
        }

        foreach (var bytes in inputs)
        {
            var bits = new System.Numerics.BigInteger(bytes, isUnsigned: true, isBigEndian: true);
            var expected = new char[16];
            for (var i = 15; i >= 0; i--)
            {
                expected[i] = alphabet[(int)(bits & 31)];
                bits >>= 5;
            }

            var actual = new char[16];
            Ids.WriteRandom(bytes, actual);
            Assert.Equal(new string(expected), new string(actual));
        }
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
