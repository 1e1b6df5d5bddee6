namespace Dms.Hub.Insights;

/// <summary>The time buckets counters are kept in (UTC).</summary>
public enum CounterGrain
{
    Hour,
    Day,

    /// <summary>No time: documents as they stand now.</summary>
    Gauge,

    /// <summary>
    /// A week from Monday 00:00 UTC: the day rows pre-summed, so a period of many days is a few point reads (whole
    /// weeks plus the days at either end) instead of one per day. Written beside every day row, by the same deltas.
    /// </summary>
    Week,
}

public static class CounterGrains
{
    public static DateTimeOffset Floor(DateTimeOffset at, CounterGrain grain)
    {
        var utc = at.ToUniversalTime();
        return grain switch
        {
            CounterGrain.Hour => new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero),
            CounterGrain.Day => new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero),
            CounterGrain.Week => new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero).AddDays(-(((int)utc.DayOfWeek + 6) % 7)),
            _ => DateTimeOffset.MinValue,
        };
    }

    public static TimeSpan Length(CounterGrain grain) => grain switch
    {
        CounterGrain.Hour => TimeSpan.FromHours(1),
        CounterGrain.Week => TimeSpan.FromDays(7),
        _ => TimeSpan.FromDays(1),
    };

    /// <summary>
    /// The day and week buckets that cover [<paramref name="start"/>, <paramref name="until"/>) exactly (both whole
    /// UTC days): the days up to the first Monday, then whole weeks, then the days of the last partial week.
    /// </summary>
    public static IReadOnlyList<(CounterGrain Grain, DateTimeOffset Bucket)> Cover(DateTimeOffset start, DateTimeOffset until)
    {
        var buckets = new List<(CounterGrain, DateTimeOffset)>();
        var at = Floor(start, CounterGrain.Day);
        while (at < until)
        {
            var weekly = Floor(at, CounterGrain.Week) == at && at.AddDays(7) <= until;
            buckets.Add((weekly ? CounterGrain.Week : CounterGrain.Day, at));
            at = at.AddDays(weekly ? 7 : 1);
        }

        return buckets;
    }
}
