using System.Net.Http.Headers;
using System.Text.Json;
using Dms.Hub.Common;
using Dms.Hub.Dealers;
using Dms.Hub.Notifications;
using Dms.Hub.Routing;

namespace Dms.Adapters.Rest.Internal;

/// <summary>Pushes a notification to a dealer's webhook, signed with the dealer's derived secret.</summary>
internal sealed class WebhookNotifier(IHttpClientFactory clients, DealerSecrets secrets, TimeProvider clock) : IDealerNotifier
{
    public const string Key = NotificationChannels.Webhook;
    public const string ClientName = "dms-webhooks";

    public async Task<DeliveryResult> NotifyAsync(Dealer dealer, Notification notification, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(dealer.CallbackUrl, UriKind.Absolute, out var url))
        {
            return DeliveryResult.Permanent("The dealer's webhook URL is not a valid absolute URL.");
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
            return HttpOutcomes.FromException(ex);
        }
    }
}
