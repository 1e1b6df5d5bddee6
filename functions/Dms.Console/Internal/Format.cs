using System.Globalization;
using Dms.Hub.Insights;

namespace Dms.Console.Internal;

/// <summary>How the console writes numbers, times and durations (UTC, invariant culture, readable at a glance).</summary>
public static class Format
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "—";

    public static string Seconds(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan span) => span switch
    {
        { TotalSeconds: < 1 } => "under a second",
        { TotalMinutes: < 1 } => $"{span.TotalSeconds:0} s",
        { TotalHours: < 1 } => $"{span.TotalMinutes:0} min",
        { TotalDays: < 2 } => $"{span.TotalHours:0.#} h",
        _ => $"{span.TotalDays:0.#} days",
    };

    /// <summary>"+12 %" / "−3 %" / "new" against the previous period, in words as well as arrows.</summary>
    public static string Delta(PeriodChange change) => change switch
    {
        { Previous: 0, Current: 0 } => "no change",
        { Previous: 0 } => "new this period",
        _ when change.Current == change.Previous => "no change",
        _ => $"{(change.Current > change.Previous ? "▲ up" : "▼ down")} {Math.Abs((change.Current - change.Previous) * 100.0 / change.Previous):0} % (was {Count(change.Previous)})",
    };

    public static string LatencyBound(int bucket) => bucket < 0
        ? "—"
        : LatencyBuckets.UpperBound(bucket) is { } bound ? "≤ " + Duration(bound) : "> " + Duration(LatencyBuckets.Bounds[^1]);

    public static string Title(string camel) => string.Concat(camel.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : i == 0 ? char.ToUpperInvariant(c).ToString() : c.ToString()));
}
