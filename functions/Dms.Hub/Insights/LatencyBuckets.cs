namespace Dms.Hub.Insights;

/// <summary>
/// Acknowledgement latencies are counted in fixed buckets (a histogram per hour), so percentiles over any period
/// are read from counters: exact to the bucket, and labelled so.
/// </summary>
public static class LatencyBuckets
{
    /// <summary>Upper bounds; the last bucket is open-ended.</summary>
    public static IReadOnlyList<TimeSpan> Bounds { get; } =
    [
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromHours(4), TimeSpan.FromHours(12), TimeSpan.FromDays(1),
        TimeSpan.FromDays(3),
    ];

    /// <summary>Bucket names are the index (b00 … b11), so counter columns sort and parse simply.</summary>
    public static string Of(TimeSpan latency)
    {
        for (var i = 0; i < Bounds.Count; i++)
        {
            if (latency <= Bounds[i])
            {
                return Name(i);
            }
        }

        return Name(Bounds.Count);
    }

    public static string Name(int index) => "b" + index.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);

    public static int Count => Bounds.Count + 1;

    /// <summary>The upper bound of a bucket; null for the open-ended last one.</summary>
    public static TimeSpan? UpperBound(int index) => index < Bounds.Count ? Bounds[index] : null;

    /// <summary>The bucket holding the <paramref name="quantile"/> of a histogram; -1 when it is empty.</summary>
    public static int QuantileBucket(IReadOnlyList<long> counts, double quantile)
    {
        var total = counts.Sum();
        if (total <= 0)
        {
            return -1;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(quantile * total));
        long seen = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                return i;
            }
        }

        return counts.Count - 1;
    }
}
