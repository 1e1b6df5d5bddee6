using System.Net.Http.Headers;
using System.Text.Json;
using Dms.Hub.Common;
using Dms.Hub.Dealers;
using Dms.Hub.Notifications;
using Dms.Hub.Routing;
using Microsoft.Extensions.Options;

namespace Dms.Adapters.Rest.Internal;

/// <summary>Pushes a notification to a dealer's webhook, signed with the dealer's derived secret.</summary>
/// <remarks>
/// A push to a dealer host whose circuit is open is deferred here, before any request is built: asked of Polly, the
/// same answer comes as a <c>BrokenCircuitException</c> thrown up through the handler chain — 43–114 a second in the
/// bench (pushes to the warm-up dealers' closed listeners), each costing a stack trace per async frame (perf12/perf13).
/// The gate follows the breaker's own OnOpened/OnClosed (<see cref="CircuitGates"/>); after the break one push goes
/// through as the trial and the breaker decides, so a gate never holds pushes longer than the breaker would.
/// </remarks>
internal sealed class WebhookNotifier(IHttpClientFactory clients, DealerSecrets secrets, CircuitGates gates, IOptions<WebhookOptions> options, TimeProvider clock) : IDealerNotifier
{
    public const string Key = NotificationChannels.Webhook;
    public const string ClientName = "dms-webhooks";

    /// <summary>A dealer host's circuit: scheme, host and port only (never a path, query or user info a callback URL may carry).</summary>
    public static string CircuitKey(Uri? url) => url is null ? string.Empty : $"{url.Scheme}://{url.Host}:{url.Port}";

    /// <summary>The name of a dealer host's circuit among <see cref="CircuitGates"/>' clients (deliveries use their client names).</summary>
    public static string GateName(string circuitKey) => ClientName + "|" + circuitKey;

    public async Task<DeliveryResult> NotifyAsync(Dealer dealer, Notification notification, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(dealer.CallbackUrl, UriKind.Absolute, out var url))
        {
            return DeliveryResult.Permanent("The dealer's webhook URL is not a valid absolute URL.");
        }

        var trialWindow = TimeSpan.FromSeconds(options.Value.TimeoutSeconds + 1);
        if (gates.WaitFor(GateName(CircuitKey(url)), trialWindow) is { } wait)
        {
            // Neither call goes out: the dealer's listener is being spared, which is a wait, not an attempt.
            return DeliveryResult.Deferred(HttpOutcomes.CircuitOpen, wait);
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(notification, HubJson.Options);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(secrets.WebhookSecret(dealer), timestamp, body));
        request.Headers.Add(WebhookSignature.ReceiptHeader, notification.ReceiptId);
        request.Headers.Add("Idempotency-Key", notification.ReceiptId);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
            return await HttpOutcomes.ClassifyAsync(response, null, cancellationToken);
        }
        catch (Exception ex) when (HttpOutcomes.IsTransient(ex) && !cancellationToken.IsCancellationRequested)
        {
            return HttpOutcomes.FromException(ex, trialWindow);
        }
    }
}
