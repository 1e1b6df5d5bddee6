namespace Dms.Hub.Insights;

/// <summary>
/// A period the overview compares with the one before it, in whole counter buckets ending with the current one:
/// 1 h is this clock hour so far, 24 h the last 24 hourly buckets, 7 d and 30 d whole days (UTC).
/// </summary>
public sealed record Window(string Name, CounterGrain Grain, int Buckets)
{
    public static IReadOnlyList<Window> All { get; } =
    [
        new("1h", CounterGrain.Hour, 1),
        new("24h", CounterGrain.Hour, 24),
        new("7d", CounterGrain.Day, 7),
        new("30d", CounterGrain.Day, 30),
    ];

    public static Window Parse(string? name) => All.FirstOrDefault(w => w.Name == name) ?? All[1];

    /// <summary>[start, end) of the current period at <paramref name="now"/> (end is the end of the current bucket).</summary>
    public (DateTimeOffset Start, DateTimeOffset End) Current(DateTimeOffset now)
    {
        var end = CounterGrains.Floor(now, Grain) + CounterGrains.Length(Grain);
        return (end - (CounterGrains.Length(Grain) * Buckets), end);
    }

    public (DateTimeOffset Start, DateTimeOffset End) Previous(DateTimeOffset now)
    {
        var (start, _) = Current(now);
        return (start - (CounterGrains.Length(Grain) * Buckets), start);
    }

    /// <summary>The chart's bucket: hours up to a week, days beyond.</summary>
    public CounterGrain ChartGrain => Name == "30d" ? CounterGrain.Day : CounterGrain.Hour;
}
