namespace Dms.Hub.Sales;

/// <summary>
/// What one rollup cell counts, as a fixed vector: units sold, of which unwound, and the sold units by report lag
/// (delivery date → report received): 0, 1, 2, 3–7, 8–30, 31+ days. Net units = sold − unwound.
/// </summary>
public static class SalesVector
{
    public const int Sold = 0;
    public const int Unwound = 1;
    public const int LagStart = 2;
    public const int Length = 8;

    public static readonly string[] LagBuckets = ["0", "1", "2", "3-7", "8-30", "31+"];

    public static long[] Empty() => new long[Length];

    public static long[] Of(bool unwound, int lagDays)
    {
        var vector = Empty();
        vector[Sold] = 1;
        vector[Unwound] = unwound ? 1 : 0;
        vector[LagStart + LagBucket(lagDays)] = 1;
        return vector;
    }

    public static int LagBucket(int days) => days switch
    {
        <= 0 => 0,
        1 => 1,
        2 => 2,
        <= 7 => 3,
        <= 30 => 4,
        _ => 5,
    };

    public static void Add(long[] target, long[] value, int sign = 1)
    {
        for (var i = 0; i < Length; i++)
        {
            target[i] += sign * value[i];
        }
    }

    public static bool IsZero(long[] vector) => vector.All(v => v == 0);

    public static bool SameAs(long[]? a, long[]? b) => (a is null || IsZero(a)) ? (b is null || IsZero(b)) : b is not null && a.AsSpan().SequenceEqual(b);
}
