using System.ComponentModel.DataAnnotations;

namespace Dms.Hub.Work;

/// <summary>Exponential backoff with jitter, capped, honouring Retry-After, up to a number of attempts.</summary>
public sealed class RetryPolicyOptions
{
    /// <summary>Total attempts including the first; the next failure after the last is dead-lettered.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    [Range(1, 3_600_000)]
    public int BaseDelayMilliseconds { get; set; } = 2000;

    [Range(1, 86_400)]
    public int MaxDelaySeconds { get; set; } = 300;

    /// <summary>Longest Retry-After a destination may ask for; longer requests are capped here.</summary>
    [Range(1, 86_400)]
    public int MaxRetryAfterSeconds { get; set; } = 3600;
}
