using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Dms.Hub.PeriodicReports;

public enum PeriodGranularity
{
    Day,
    Month,
}

/// <summary>A reporting period: a day (<c>2026-11-23</c>) or a month (<c>2026-11</c>), in the dealer's local calendar.</summary>
public readonly record struct ReportPeriod(PeriodGranularity Granularity, DateOnly Start)
{
    /// <summary>The first day after the period.</summary>
    public DateOnly End => Granularity == PeriodGranularity.Day ? Start.AddDays(1) : Start.AddMonths(1);

    public ReportPeriod Next() => new(Granularity, End);

    public ReportPeriod Previous() => new(Granularity, Granularity == PeriodGranularity.Day ? Start.AddDays(-1) : Start.AddMonths(-1));

    public ReportPeriod Minus(int periods) => new(Granularity, Granularity == PeriodGranularity.Day ? Start.AddDays(-periods) : Start.AddMonths(-periods));

    /// <summary>The period that contains <paramref name="day"/>.</summary>
    public static ReportPeriod Containing(PeriodGranularity granularity, DateOnly day) =>
        new(granularity, granularity == PeriodGranularity.Day ? day : new DateOnly(day.Year, day.Month, 1));

    public static bool TryParse(string? text, [NotNullWhen(true)] out ReportPeriod? period)
    {
        period = null;
        if (text is { Length: 10 } && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            period = new ReportPeriod(PeriodGranularity.Day, day);
        }
        else if (text is { Length: 7 } && DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            period = new ReportPeriod(PeriodGranularity.Month, month);
        }

        return period is not null;
    }

    public static ReportPeriod Parse(string text) => TryParse(text, out var period) ? period.Value : throw new FormatException($"'{text}' is not a period (yyyy-MM or yyyy-MM-dd).");

    public override string ToString() => Start.ToString(Granularity == PeriodGranularity.Day ? "yyyy-MM-dd" : "yyyy-MM", CultureInfo.InvariantCulture);
}
