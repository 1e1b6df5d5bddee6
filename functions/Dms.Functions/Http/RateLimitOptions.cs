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
}
