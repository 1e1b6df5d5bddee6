namespace Dms.Hub.PartsOrders;

/// <summary>Business-day arithmetic on the OEM's calendar (time zone, weekend, holidays).</summary>
public sealed class BusinessDays(BusinessCalendar calendar)
{
    private readonly TimeZoneInfo _zone = Zone(calendar.TimeZone);
    private readonly HashSet<DateOnly> _holidays = [.. calendar.Holidays];

    /// <summary>Null when the ID names no time zone this machine knows.</summary>
    public static TimeZoneInfo? TryZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    public bool IsBusinessDay(DateOnly day) => !calendar.WeekendDays.Contains(day.DayOfWeek) && !_holidays.Contains(day);

    /// <summary>The calendar day (in the OEM's zone) of an instant.</summary>
    public DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, _zone).DateTime);

    /// <summary>The <paramref name="count"/>-th business day after <paramref name="day"/> (0: the day itself if it is one, else the next).</summary>
    public DateOnly Add(DateOnly day, int count)
    {
        if (count == 0)
        {
            while (!IsBusinessDay(day))
            {
                day = day.AddDays(1);
            }

            return day;
        }

        for (var added = 0; added < count;)
        {
            day = day.AddDays(1);
            if (IsBusinessDay(day))
            {
                added++;
            }
        }

        return day;
    }

    /// <summary>The instant <paramref name="timeOfDay"/> on <paramref name="day"/> in the OEM's zone.</summary>
    public DateTimeOffset At(DateOnly day, TimeSpan timeOfDay)
    {
        var local = day.ToDateTime(TimeOnly.MinValue) + timeOfDay;
        return new DateTimeOffset(local, _zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>When an acknowledgement is due for an order submitted at <paramref name="submittedAt"/>.</summary>
    public DateTimeOffset AckDue(AckDueRule rule, DateTimeOffset submittedAt) =>
        rule.Hours is { } hours
            ? submittedAt + TimeSpan.FromHours(hours)
            : At(Add(DayOf(submittedAt), rule.BusinessDays ?? 1), rule.DueTimeOfDay);

    /// <summary>The last instant of the <paramref name="businessDays"/>-th business day after <paramref name="day"/>.</summary>
    public DateTimeOffset EndOfWindow(DateOnly day, int businessDays) => At(Add(day, businessDays), TimeSpan.FromDays(1)) - TimeSpan.FromTicks(1);

    private static TimeZoneInfo Zone(string id) => TryZone(id) ?? TimeZoneInfo.Utc;
}
