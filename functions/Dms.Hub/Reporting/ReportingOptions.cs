using System.ComponentModel.DataAnnotations;

namespace Dms.Hub.Reporting;

/// <summary>
/// The OEM's reporting calendar (section <c>Dms:Reporting</c>): time zones, business days and, per report kind, who
/// owes it, when it is due and how lateness escalates. Everything here is configuration, not code.
/// </summary>
public sealed class ReportingOptions
{
    public const string Section = "Dms:Reporting";

    /// <summary>The dealers' local time zone (IANA ID) unless their region has its own.</summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Region → IANA time zone, for networks that span zones.</summary>
    public Dictionary<string, string> RegionTimeZones { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Days that are never business days; Saturday and Sunday when not set.</summary>
    public List<DayOfWeek>? Weekend { get; set; }

    /// <summary>Public holidays (yyyy-MM-dd): not business days.</summary>
    public List<DateOnly> Holidays { get; set; } = [];

    /// <summary>Working days that would otherwise be weekend days (make-up days, e.g. China's adjusted weekends).</summary>
    public List<DateOnly> WorkingWeekendDays { get; set; } = [];

    /// <summary>Report kind (document type name, e.g. <c>monthly-stock-report</c>) → its schedule.</summary>
    public Dictionary<string, ReportScheduleOptions> Reports { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>When a kind of report is owed, by whom, and how its lateness escalates.</summary>
public sealed class ReportScheduleOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>The first period anything is expected for (yyyy-MM or yyyy-MM-dd); earlier ones never are.</summary>
    public string? FirstPeriod { get; set; }

    /// <summary>How many past periods the job fills in at most when it has not run for a while (or runs the first time).</summary>
    [Range(1, 400)]
    public int BackfillPeriods { get; set; } = 62;

    /// <summary>Monthly: due on this day of the following month (beyond its last day: the last day, e.g. 31 = month end).</summary>
    [Range(1, 31)]
    public int? DueDay { get; set; }

    /// <summary>Monthly: due on the Nth business day of the following month.</summary>
    [Range(1, 23)]
    public int? DueBusinessDay { get; set; }

    /// <summary>Daily: due this many calendar days after the day (0 = the same day).</summary>
    [Range(0, 60)]
    public int? DueDaysAfter { get; set; }

    /// <summary>Daily: due on the Nth business day after the day.</summary>
    [Range(1, 30)]
    public int? DueBusinessDaysAfter { get; set; }

    /// <summary>Local time of day (HH:mm) on the due date.</summary>
    [RegularExpression("^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    public string DueTime { get; set; } = "23:59";

    /// <summary>Where a <see cref="DueDay"/> or <see cref="DueDaysAfter"/> that is not a business day moves: None, Forward or Backward.</summary>
    public DueRoll Roll { get; set; } = DueRoll.None;

    /// <summary>Only dealers of these regions owe it (all when empty).</summary>
    public List<string> Regions { get; set; } = [];

    /// <summary>Only dealers of these brands owe it (all when empty).</summary>
    public List<string> Brands { get; set; } = [];

    /// <summary>Only these dealers owe it (all when empty).</summary>
    public List<string> Dealers { get; set; } = [];

    public List<string> ExcludeDealers { get; set; } = [];

    /// <summary>The escalation ladder, as offsets from the due time (negative: before it).</summary>
    public List<EscalationStepOptions> Escalation { get; set; } = [];
}

/// <summary>One rung of the escalation ladder: reached at due time + <see cref="Offset"/> while no version is accepted.</summary>
public sealed class EscalationStepOptions
{
    /// <summary>reminder, late, district, region … (a name the alerting uses).</summary>
    [Required]
    public string Step { get; set; } = string.Empty;

    /// <summary>From the due time, e.g. <c>-2.00:00:00</c> (two days before), <c>3.00:00:00</c>.</summary>
    public TimeSpan Offset { get; set; }

    /// <summary>Who hears of it: dealer, district-manager, region-manager, hq.</summary>
    public List<string> Notify { get; set; } = [];
}

public enum DueRoll
{
    None,
    Forward,
    Backward,
}
