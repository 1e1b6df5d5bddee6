using System.ComponentModel.DataAnnotations;

namespace Dms.Hub.WarrantyClaims;

/// <summary>The OEM's warranty policy (section <c>Dms:Documents:WarrantyClaim</c>). Every threshold is configuration.</summary>
public sealed class WarrantyClaimOptions
{
    public const string Section = "Dms:Documents:WarrantyClaim";

    /// <summary>Check the VIN's ninth character (North America, China); some markets do not use it.</summary>
    public bool RequireVinCheckDigit { get; set; } = true;

    /// <summary>Days from repair-order close within which a claim must be filed (e.g. 30; some OEMs 8).</summary>
    [Range(1, 3650)]
    public int FilingWindowDays { get; set; } = 30;

    /// <summary>Base warranty length in months from the warranty start (the RDR's delivery date).</summary>
    [Range(1, 600)]
    public int CoverageMonths { get; set; } = 36;

    /// <summary>Base warranty distance in kilometres driven since delivery.</summary>
    [Range(1, 10_000_000)]
    public int CoverageKilometres { get; set; } = 100_000;

    /// <summary>Claim types paid regardless of base coverage (recalls and goodwill are the OEM's own decision).</summary>
    public List<string> CoverageExemptClaimTypes { get; set; } = ["Campaign", "Goodwill"];

    /// <summary>Standard hours per labor operation code: the labor-operation catalogue.</summary>
    public Dictionary<string, decimal> LaborOperations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Reject operation codes missing from the catalogue.</summary>
    public bool RequireKnownLaborOperations { get; set; } = true;

    /// <summary>How far claimed hours may exceed the standard time, in percent.</summary>
    [Range(0, 1000)]
    public decimal LaborHoursTolerancePercent { get; set; } = 10;

    /// <summary>Highest hourly labor rate per currency, in minor units; currencies not listed are not capped.</summary>
    public Dictionary<string, long> MaxLaborRates { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Claimed totals above this (minor units) need a pre-authorization number.</summary>
    [Range(0, long.MaxValue)]
    public long PreAuthorizationThreshold { get; set; } = 250_000;
}
