namespace Dms.Hub.Insights;

/// <summary>The time buckets counters are kept in (UTC).</summary>
public enum CounterGrain
{
    Hour,
    Day,

    /// <summary>No time: documents as they stand now.</summary>
    Gauge,
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
            _ => DateTimeOffset.MinValue,
        };
    }

    public static TimeSpan Length(CounterGrain grain) => grain == CounterGrain.Hour ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);
}
