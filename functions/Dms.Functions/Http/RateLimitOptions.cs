using System.ComponentModel.DataAnnotations;

namespace Dms.Functions.Http;

/// <summary>Per-caller token bucket (section <c>Dms:RateLimit</c>): each dealer has its own, so one flood hurts only itself.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Dms:RateLimit";

    public bool Enabled { get; set; } = true;

    [Range(1, 100_000)]
    public int PermitsPerSecond { get; set; } = 50;

    /// <summary>Bucket size: how many requests a caller may send in a burst.</summary>
    [Range(1, 100_000)]
    public int Burst { get; set; } = 100;

    /// <summary>
    /// Buckets for callers of a role (<c>Dealer</c>, <c>Oem</c>, <c>Admin</c>) instead of the one above. The OEM's back
    /// end posts the events of every dealer's documents through one key, so it needs what all dealers send together.
    /// </summary>
    public Dictionary<string, RoleRateLimit> Roles { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Oem"] = new RoleRateLimit { PermitsPerSecond = 1000, Burst = 2000 },
    };
}
