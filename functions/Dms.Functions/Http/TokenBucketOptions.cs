using System.ComponentModel.DataAnnotations;

namespace Dms.Functions.Http;

/// <summary>A caller's token bucket: requests per second, and how many it may send in a burst.</summary>
public class TokenBucketOptions
{
    [Range(1, 100_000)]
    public int PermitsPerSecond { get; set; } = 50;

    /// <summary>Bucket size: how many requests a caller may send in a burst.</summary>
    [Range(1, 100_000)]
    public int Burst { get; set; } = 100;
}
