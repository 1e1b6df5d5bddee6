namespace Dms.Hub.Routing;

public enum DeliveryOutcome
{
    Delivered,

    /// <summary>Worth retrying: 5xx, 408, 429, timeouts, connection failures.</summary>
    Transient,

    /// <summary>The destination refused the message (4xx): retrying would not help.</summary>
    Permanent,

    /// <summary>
    /// Not sent: the destination is being spared (its circuit is open, too many calls are in flight). Not an attempt —
    /// it uses none of the retry budget — only a wait of <see cref="DeliveryResult.RetryAfter"/>.
    /// </summary>
    Deferred,
}

/// <summary>What a destination said. <see cref="Error"/> is safe to show the dealer (no internal text, no secrets).</summary>
public sealed record DeliveryResult(DeliveryOutcome Outcome, string? Reference = null, string? Error = null, TimeSpan? RetryAfter = null, int? StatusCode = null)
{
    public static DeliveryResult Delivered(string? reference, int statusCode) => new(DeliveryOutcome.Delivered, reference, null, null, statusCode);

    public static DeliveryResult Transient(string error, TimeSpan? retryAfter = null, int? statusCode = null) =>
        new(DeliveryOutcome.Transient, null, error, retryAfter, statusCode);

    public static DeliveryResult Permanent(string error, int? statusCode = null) => new(DeliveryOutcome.Permanent, null, error, null, statusCode);

    public static DeliveryResult Deferred(string reason, TimeSpan? retryAfter = null) => new(DeliveryOutcome.Deferred, null, reason, retryAfter);
}
