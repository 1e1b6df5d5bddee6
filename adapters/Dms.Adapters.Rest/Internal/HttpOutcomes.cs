using System.Net;
using System.Text.Json;
using Dms.Hub.Routing;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Dms.Adapters.Rest.Internal;

/// <summary>Turns HTTP answers and failures into delivery outcomes: what to retry, what to give up on.</summary>
internal static class HttpOutcomes
{
    /// <summary>What a deferral for an open circuit says (the dealer and operators see it).</summary>
    public const string CircuitOpen = "Circuit open after repeated failures.";

    private const int MaxErrorText = 500;

    public static async Task<DeliveryResult> ClassifyAsync(HttpResponseMessage response, string? referenceProperty, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return DeliveryResult.Delivered(referenceProperty is null ? null : await ReadReferenceAsync(response, referenceProperty, cancellationToken), status);
        }

        var error = $"HTTP {status}{await DetailAsync(response, cancellationToken)}";
        return status is 408 or 429 or >= 500
            ? DeliveryResult.Transient(error, RetryAfter(response), status)
            : DeliveryResult.Permanent(error, status);
    }

    public static bool IsTransient(Exception exception) => exception is HttpRequestException or TimeoutRejectedException
        or BrokenCircuitException or RateLimiterRejectedException or TaskCanceledException or IOException;

    /// <param name="trialWindow">
    /// For work that asks its circuit's gate before it calls (deliveries before they lease, pushes before they build the
    /// request — <see cref="CircuitGates"/>): how long a trial
    /// call can take (the client's timeout and a second), the longest a call refused by the circuit then waits. While the
    /// trial is out Polly refuses every other call with the whole break as its RetryAfter (it moves the break's end
    /// forward when it lets the trial through), though the trial answers within its timeout and usually closes the
    /// circuit in milliseconds: such a delivery sat out up to a break (15 s) after its destination was back — a drain's
    /// stragglers. Waking sooner costs no storage: the loop asks the gate again and waits out the rest of a real break.
    /// Null: Polly's RetryAfter as it is.
    /// </param>
    public static DeliveryResult FromException(Exception exception, TimeSpan? trialWindow = null) => exception switch
    {
        TimeoutRejectedException or TaskCanceledException => DeliveryResult.Transient("Timed out."),
        // Neither call went out: the destination is being spared, which is a wait, not an attempt.
        BrokenCircuitException broken => DeliveryResult.Deferred(CircuitOpen,
            trialWindow is { } window && !(broken.RetryAfter < window) ? window : broken.RetryAfter),
        RateLimiterRejectedException rejected => DeliveryResult.Deferred("Too many calls in flight.", rejected.RetryAfter),
        _ => DeliveryResult.Transient("Connection failed."),
    };

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static async Task<string?> ReadReferenceAsync(HttpResponseMessage response, string property, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return null;
        }

        try
        {
            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // The destination's own explanation (a problem "detail" or "title"), short and printable, for the dealer to see.
    private static async Task<string> DetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            var detail = root.ValueKind == JsonValueKind.Object
                ? (root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null)
                  ?? (root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null)
                : null;
            return detail is null ? string.Empty : ": " + Clean(detail);
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }

    private static string Clean(string text)
    {
        var printable = new string(text.Where(c => !char.IsControl(c)).ToArray());
        return printable.Length <= MaxErrorText ? printable : printable[..MaxErrorText];
    }
}
