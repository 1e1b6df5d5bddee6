using System.ComponentModel.DataAnnotations;

namespace Dms.Hub.PartsOrders;

/// <summary>
/// Suggested stock order parameters (DOMAIN.md §3): the OEM's defaults, each overridable per dealer, and who gets
/// the nightly order submitted without confirming.
/// </summary>
public sealed class SuggestionOptions
{
    [Range(7, 400)]
    public int WindowDays { get; set; } = 180;

    [Range(0, 120)]
    public double LeadTimeDays { get; set; } = 2;

    [Range(1, 120)]
    public double ReviewPeriodDays { get; set; } = 7;

    /// <summary>Z: 1.65 ≈ 95 % of cycles without a stock-out.</summary>
    [Range(0, 5)]
    public double ServiceFactor { get; set; } = 1.65;

    /// <summary>Per-dealer parameters, by dealer code (any value left out is the OEM's).</summary>
    public Dictionary<string, DealerSuggestionOptions> Dealers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Dealers whose suggested order the nightly job submits without confirmation; <c>*</c>: every dealer with stock data.</summary>
    public List<string> AutoSubmitDealers { get; set; } = [];

    /// <summary>The time of day (UTC) from which the nightly job runs for the day.</summary>
    public TimeSpan NightlyAtUtc { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long a suggestion may be confirmed after it was made.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan ValidFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A suggestion with more lines is split into several orders.</summary>
    [Range(1, 1000)]
    public int MaxLinesPerOrder { get; set; } = 500;

    /// <summary>Dealers the nightly job works on at once.</summary>
    [Range(1, 64)]
    public int NightlyConcurrency { get; set; } = 4;

    public SuggestionParameters For(string dealerCode)
    {
        Dealers.TryGetValue(dealerCode, out var own);
        return new SuggestionParameters(
            own?.WindowDays ?? WindowDays,
            own?.LeadTimeDays ?? LeadTimeDays,
            own?.ReviewPeriodDays ?? ReviewPeriodDays,
            own?.ServiceFactor ?? ServiceFactor);
    }

    public bool AutoSubmits(string dealerCode) => AutoSubmitDealers.Contains("*") || AutoSubmitDealers.Contains(dealerCode);
}

public sealed class DealerSuggestionOptions
{
    [Range(7, 400)]
    public int? WindowDays { get; set; }

    [Range(0, 120)]
    public double? LeadTimeDays { get; set; }

    [Range(1, 120)]
    public double? ReviewPeriodDays { get; set; }

    [Range(0, 5)]
    public double? ServiceFactor { get; set; }
}

/// <summary>The parameters of one dealer's suggestion: window W, lead time L, review period R (days) and service factor Z.</summary>
public sealed record SuggestionParameters(int WindowDays, double LeadTimeDays, double ReviewPeriodDays, double ServiceFactor)
{
    /// <summary>L plus half the review period: the exposure a reorder point covers.</summary>
    public double EffectiveLeadTimeDays => LeadTimeDays + (ReviewPeriodDays / 2);
}
