using System.ComponentModel.DataAnnotations;

namespace Dms.Hub.VehicleOrders;

/// <summary>The OEM's ordering policy (section <c>Dms:Documents:VehicleOrder</c>): order guide, allocation, alerts.</summary>
public sealed class VehicleOrderOptions
{
    public const string Section = "Dms:Documents:VehicleOrder";

    /// <summary>Check the check digit of the VIN the OEM reports at production.</summary>
    public bool RequireVinCheckDigit { get; set; } = true;

    /// <summary>The order guide: what can be ordered, by model code.</summary>
    public Dictionary<string, OrderGuideModel> OrderGuide { get; set; } = [];

    /// <summary>Allowed priorities per order type (lower is built first).</summary>
    public Dictionary<string, PriorityRange> Priorities { get; set; } = new(StringComparer.Ordinal)
    {
        ["Sold"] = new() { Min = 1, Max = 19 },
        ["Fleet"] = new() { Min = 1, Max = 19 },
        ["Stock"] = new() { Min = 20, Max = 80 },
        ["Demo"] = new() { Min = 20, Max = 80 },
    };

    [Required]
    public AllocationOptions Allocation { get; set; } = new();

    [Required]
    public VehicleOrderAlertOptions Alerts { get; set; } = new();
}

/// <summary>One model of the order guide.</summary>
public sealed class OrderGuideModel
{
    /// <summary>Only dealers of this brand may order it; null: every dealer.</summary>
    public string? Brand { get; set; }

    public string? Description { get; set; }

    public List<int> ModelYears { get; set; } = [];

    public List<string> Trims { get; set; } = [];

    public List<string> ExteriorColors { get; set; } = [];

    public List<string> InteriorColors { get; set; } = [];

    /// <summary>Option code → description.</summary>
    public Dictionary<string, string> Options { get; set; } = [];

    /// <summary>Option → the options it needs (a tow package needs heavy-duty cooling).</summary>
    public Dictionary<string, List<string>> Requires { get; set; } = [];

    /// <summary>Option → the options it cannot be combined with (either way round).</summary>
    public Dictionary<string, List<string>> Excludes { get; set; } = [];

    /// <summary>Groups of which at most one option is chosen (exactly one when required), e.g. wheels.</summary>
    public List<OptionGroup> OneOf { get; set; } = [];
}

public sealed class OptionGroup
{
    public string Name { get; set; } = string.Empty;

    public List<string> Options { get; set; } = [];

    /// <summary>One of the group must be chosen.</summary>
    public bool Required { get; set; }
}

public sealed class PriorityRange
{
    [Range(1, 99)]
    public int Min { get; set; } = 1;

    [Range(1, 99)]
    public int Max { get; set; } = 99;
}

/// <summary>
/// Allocation: how many units of a model a dealer may order per allocation period. An order takes a unit when the hub
/// accepts it and gives it back when it is cancelled or rejected. Models not listed are not allocated.
/// </summary>
public sealed class AllocationOptions
{
    /// <summary>OEMs that do not allocate switch it off.</summary>
    public bool Enabled { get; set; }

    /// <summary>Units per dealer and period, by model code.</summary>
    public Dictionary<string, int> UnitsPerPeriod { get; set; } = [];

    /// <summary>Per-dealer exceptions: dealer code → model code → units per period.</summary>
    public Dictionary<string, Dictionary<string, int>> Dealers { get; set; } = [];

    /// <summary>The units <paramref name="dealerCode"/> may order of <paramref name="modelCode"/> per period; null: not allocated.</summary>
    public int? UnitsFor(string dealerCode, string modelCode) =>
        !Enabled ? null
        : Dealers.TryGetValue(dealerCode, out var own) && own.TryGetValue(modelCode, out var units) ? units
        : UnitsPerPeriod.TryGetValue(modelCode, out var standard) ? standard
        : null;
}

/// <summary>Business alert thresholds for orders.</summary>
public sealed class VehicleOrderAlertOptions
{
    /// <summary>Accepted but not scheduled for longer than this raises ORDER_NOT_SCHEDULED.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan NotScheduledAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>An ETA (latest day) later than the first promised one by more than this many days raises ETA_SLIPPED.</summary>
    [Range(0, 3650)]
    public int EtaSlipDays { get; set; } = 7;

    /// <summary>A hold active for longer than this raises HOLD_TOO_LONG.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan HoldOlderThan { get; set; } = TimeSpan.FromDays(5);
}
