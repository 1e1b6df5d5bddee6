namespace Dms.Hub.Routing;

public enum DeliveryOutcome
{
    Delivered,

    /// <summary>Worth retrying: 5xx, 408, 429, timeouts, connection failures, an open circuit.</summary>
    Transient,

    /// <summary>The destination refused the message (4xx): retrying would not help.</summary>
    Permanent,
}

/// <summary>What a destination said. <see cref="Error"/> is safe to show the dealer (no internal text, no secrets).</summary>
public sealed record DeliveryResult(DeliveryOutcome Outcome, string? Reference = null, string? Error = null, TimeSpan? RetryAfter = null, int? StatusCode = null)
{
    public static DeliveryResult Delivered(string? reference, int statusCode) => new(DeliveryOutcome.Delivered, reference, null, null, statusCode);

    public static DeliveryResult Transient(string error, TimeSpan? retryAfter = null, int? statusCode = null) =>
        new(DeliveryOutcome.Transient, null, error, retryAfter, statusCode);

    public static DeliveryResult Permanent(string error, int? statusCode = null) => new(DeliveryOutcome.Permanent, null, error, null, statusCode);
}
