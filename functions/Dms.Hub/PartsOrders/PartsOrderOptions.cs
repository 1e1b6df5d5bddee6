using System.ComponentModel.DataAnnotations;

namespace Dms.Hub.PartsOrders;

/// <summary>
/// The OEM's parts policy (section <c>Dms:Documents:PartsOrder</c>): the part master, how superseded parts are
/// handled, VOR limits, acknowledgement due times, receipt windows, alert thresholds and suggestion parameters.
/// </summary>
public sealed class PartsOrderOptions
{
    public const string Section = "Dms:Documents:PartsOrder";

    /// <summary>The part master by part number (small catalogues and demos; large ones come from <see cref="PartMasterFile"/>).</summary>
    public Dictionary<string, PartMasterEntry> PartMaster { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A JSON file with the part master (an array of entries with partNumber), read at start-up; merged with <see cref="PartMaster"/>.</summary>
    public string? PartMasterFile { get; set; }

    /// <summary>Substitute: a superseded part is replaced by its successor (said on the line); Refuse: the line is refused.</summary>
    public SupersessionPolicy Supersession { get; set; } = SupersessionPolicy.Substitute;

    [Range(1, 1000)]
    public int VorMaxLines { get; set; } = 40;

    /// <summary>The largest stock snapshot accepted in one request (a full snapshot of 50,000 parts is about 8 MB).</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxSnapshotBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Check the check digit of a VOR order's VIN.</summary>
    public bool RequireVinCheckDigit { get; set; } = true;

    /// <summary>When the depot must acknowledge, per order type; a type not configured uses <see cref="DefaultAckDue"/>.</summary>
    public Dictionary<string, AckDueRule> AckDue { get; set; } = new(StringComparer.Ordinal);

    /// <summary>DOMAIN.md §3: VOR within hours, stock by the next business day.</summary>
    public static IReadOnlyDictionary<string, AckDueRule> DefaultAckDue { get; } = new Dictionary<string, AckDueRule>(StringComparer.Ordinal)
    {
        [PartsOrderTypes.Vor] = new() { Hours = 4 },
        [PartsOrderTypes.Emergency] = new() { Hours = 8 },
        [PartsOrderTypes.Stock] = new() { BusinessDays = 1 },
        [PartsOrderTypes.Campaign] = new() { BusinessDays = 2 },
        [PartsOrderTypes.Special] = new() { BusinessDays = 2 },
    };

    public AckDueRule AckDueFor(string orderType) =>
        AckDue.TryGetValue(orderType, out var rule) ? rule : DefaultAckDue.TryGetValue(orderType, out var standard) ? standard : new AckDueRule { BusinessDays = 1 };

    [Required]
    public BusinessCalendar Calendar { get; set; } = new();

    [Required]
    public ReceiptWindowOptions ReceiptWindows { get; set; } = new();

    [Required]
    public PartsAlertOptions Alerts { get; set; } = new();

    [Required]
    public SuggestionOptions Suggestions { get; set; } = new();
}

public enum SupersessionPolicy
{
    Substitute,
    Refuse,
}

/// <summary>One part of the part master.</summary>
public sealed class PartMasterEntry
{
    public string? PartNumber { get; set; }

    public string? Description { get; set; }

    /// <summary>Orders are whole packs: the quantity must be a multiple of this.</summary>
    [Range(1, 100000)]
    public int PackSize { get; set; } = 1;

    public string UnitOfMeasure { get; set; } = "EA";

    /// <summary>The part that replaces this one.</summary>
    public string? SupersededBy { get; set; }

    /// <summary>No longer supplied (and not superseded): orders are refused.</summary>
    public bool Discontinued { get; set; }

    /// <summary>Dealer net price in minor units of <see cref="Currency"/>.</summary>
    public long? Price { get; set; }

    public string? Currency { get; set; }
}

/// <summary>An acknowledgement due time: <see cref="Hours"/> after submission, or the end of the <see cref="BusinessDays"/>-th business day after it.</summary>
public sealed class AckDueRule
{
    [Range(0.01, 8760)]
    public double? Hours { get; set; }

    [Range(0, 60)]
    public int? BusinessDays { get; set; }

    /// <summary>With <see cref="BusinessDays"/>: the time of day (in the calendar's time zone) the acknowledgement is due.</summary>
    public TimeSpan DueTimeOfDay { get; set; } = TimeSpan.FromHours(17);
}

/// <summary>The OEM's business calendar: time zone, weekend and holidays.</summary>
public sealed class BusinessCalendar
{
    /// <summary>An IANA or Windows time zone ID; UTC by default.</summary>
    public string TimeZone { get; set; } = "UTC";

    public List<DayOfWeek> WeekendDays { get; set; } = [DayOfWeek.Saturday, DayOfWeek.Sunday];

    public List<DateOnly> Holidays { get; set; } = [];
}

/// <summary>How many business days after the day received a discrepancy may be reported (no public OEM rule: DOMAIN.md §3).</summary>
public sealed class ReceiptWindowOptions
{
    [Range(0, 365)]
    public int DamagedBusinessDays { get; set; } = 2;

    [Range(0, 365)]
    public int ShortBusinessDays { get; set; } = 5;

    [Range(0, 365)]
    public int WrongPartBusinessDays { get; set; } = 5;

    [Range(0, 365)]
    public int OverBusinessDays { get; set; } = 5;
}

/// <summary>Business alert thresholds for parts.</summary>
public sealed class PartsAlertOptions
{
    /// <summary>A ship notice still missing this long after the promised ship day ended raises SHIP_NOTICE_MISSING.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan ShipNoticeGrace { get; set; } = TimeSpan.FromHours(12);

    /// <summary>A receipt discrepancy open longer than this raises DISCREPANCY_UNRESOLVED.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan DiscrepancyUnresolvedAfter { get; set; } = TimeSpan.FromDays(5);

    /// <summary>Raise STOCK_BELOW_SAFETY for a part whose available stock is below its safety stock.</summary>
    public bool StockBelowSafety { get; set; } = true;
}
