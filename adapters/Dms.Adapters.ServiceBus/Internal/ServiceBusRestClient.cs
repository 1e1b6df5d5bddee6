using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Dms.Hub.Work;

namespace Dms.Adapters.ServiceBus.Internal;

/// <summary>
/// The four calls of the Service Bus REST API this hub uses: send (<c>POST {queue}/messages</c>), peek-lock
/// (<c>POST {queue}/messages/head</c>), complete (<c>DELETE</c> the locked message) and unlock (<c>PUT</c> it).
/// </summary>
internal sealed class ServiceBusRestClient(HttpClient http, ServiceBusConnection connection, IServiceBusToken token, ServiceBusOptions options, TimeProvider clock)
{
    public Uri Endpoint => connection.Endpoint;

    /// <summary>Sends one message; <paramref name="notBefore"/> in the future becomes ScheduledEnqueueTimeUtc.</summary>
    public async Task SendAsync(string queue, string messageId, string label, byte[] body, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        var properties = new JsonObject { ["MessageId"] = messageId, ["Label"] = label };
        if (notBefore > clock.GetUtcNow())
        {
            properties["ScheduledEnqueueTimeUtc"] = WorkMessage.WholeSecondsAfter(notBefore).UtcDateTime.ToString("R", CultureInfo.InvariantCulture);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(connection.Endpoint, Uri.EscapeDataString(queue) + "/messages"));
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("BrokerProperties", properties.ToJsonString());
        using var response = await SendAsync(request, options.TimeoutSeconds, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new ServiceBusRequestException("send to " + queue, response.StatusCode);
        }
    }

    /// <summary>Locks the message at the head of the queue, waiting up to <paramref name="waitSeconds"/>; null when none came.</summary>
    public async Task<LockedMessage?> PeekLockAsync(string queue, int waitSeconds, CancellationToken cancellationToken)
    {
        var uri = new Uri(connection.Endpoint, $"{Uri.EscapeDataString(queue)}/messages/head?timeout={waitSeconds.ToString(CultureInfo.InvariantCulture)}");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent([]) };
        using var response = await SendAsync(request, options.TimeoutSeconds + waitSeconds, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return null;
        }

        if (response.StatusCode != HttpStatusCode.Created || response.Headers.Location is not { } location)
        {
            throw new ServiceBusRequestException("receive from " + queue, response.StatusCode);
        }

        var properties = response.Headers.TryGetValues("BrokerProperties", out var values) ? JsonNode.Parse(values.First()) as JsonObject : null;
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new LockedMessage(
            body,
            properties?["MessageId"]?.GetValue<string>(),
            properties?["DeliveryCount"] is JsonValue count && count.TryGetValue<int>(out var deliveries) ? deliveries : 1,
            location.IsAbsoluteUri ? location : new Uri(connection.Endpoint, location));
    }

    /// <summary>Completes a locked message; false when the lock was already lost (the message comes back).</summary>
    public async Task<bool> CompleteAsync(Uri location, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, location);
        using var response = await SendAsync(request, options.TimeoutSeconds, cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => true,
            HttpStatusCode.NotFound or HttpStatusCode.Gone => false,
            _ => throw new ServiceBusRequestException("complete", response.StatusCode),
        };
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, int timeoutSeconds, CancellationToken cancellationToken)
    {
        request.Headers.TryAddWithoutValidation("Authorization", await token.GetAsync(cancellationToken));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            return await http.SendAsync(request, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ServiceBusRequestException($"{request.Method} {request.RequestUri?.AbsolutePath}", HttpStatusCode.RequestTimeout);
        }
    }
}

/// <summary>A peek-locked message: its body, the IDs the broker reports and where to settle it.</summary>
internal sealed record LockedMessage(byte[] Body, string? MessageId, int DeliveryCount, Uri Location);
