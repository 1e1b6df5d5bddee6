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

    /// <summary>
    /// Four weeks from a Monday (every 28 days from 1970-01-05, UTC): the week rows pre-summed again, so a period of
    /// months is a few point reads more than its ends (HQ pages over 90 days read ≈ 12 week rows per place before).
    /// Written beside every day and week row, by the same deltas.
    /// </summary>
    FourWeeks,
}

public static class CounterGrains
{
    /// <summary>A Monday that starts a four-week bucket (the first Monday of 1970).</summary>
    private static readonly DateTimeOffset FirstMonday = new(1970, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset Floor(DateTimeOffset at, CounterGrain grain)
    {
        var utc = at.ToUniversalTime();
        return grain switch
        {
            CounterGrain.FourWeeks => FirstMonday.AddDays(Math.Floor((Floor(at, CounterGrain.Day) - FirstMonday).TotalDays / 28) * 28),
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
        CounterGrain.FourWeeks => TimeSpan.FromDays(28),
        _ => TimeSpan.FromDays(1),
    };

    /// <summary>
    /// The day, week and four-week buckets that cover [<paramref name="start"/>, <paramref name="until"/>) exactly (both
    /// whole UTC days), coarsest first where it fits: the days up to the first Monday, the weeks up to the first
    /// four-week start, whole four weeks, then the weeks and days of the end.
    /// </summary>
    public static IReadOnlyList<(CounterGrain Grain, DateTimeOffset Bucket)> Cover(DateTimeOffset start, DateTimeOffset until)
    {
        var buckets = new List<(CounterGrain, DateTimeOffset)>();
        var at = Floor(start, CounterGrain.Day);
        while (at < until)
        {
            var grain = Fits(CounterGrain.FourWeeks) ? CounterGrain.FourWeeks : Fits(CounterGrain.Week) ? CounterGrain.Week : CounterGrain.Day;
            buckets.Add((grain, at));
            at += Length(grain);
        }

        return buckets;

        bool Fits(CounterGrain grain) => Floor(at, grain) == at && at + Length(grain) <= until;
    }
}
