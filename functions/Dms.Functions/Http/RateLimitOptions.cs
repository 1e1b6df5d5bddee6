namespace Dms.Functions.Http;

/// <summary>Per-caller token bucket (section <c>Dms:RateLimit</c>): each dealer has its own, so one flood hurts only itself.</summary>
public sealed class RateLimitOptions : TokenBucketOptions
{
    public const string Section = "Dms:RateLimit";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Buckets for callers of a role (<c>Dealer</c>, <c>Oem</c>, <c>Admin</c>) instead of the one above. The OEM's back
    /// end posts the events of every dealer's documents through one key, so it needs what all dealers send together.
    /// </summary>
    public Dictionary<string, TokenBucketOptions> Roles { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Oem"] = new TokenBucketOptions { PermitsPerSecond = 1000, Burst = 2000 },
    };
}
