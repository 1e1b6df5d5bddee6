using System.Net.Http.Json;
using Dms.Hub.Common;
using Dms.Hub.Routing;
using Microsoft.Extensions.Options;

namespace Dms.Adapters.Rest.Internal;

/// <summary>Delivers to an OEM system as a JSON POST carrying the Idempotency-Key; retries are the work queue's job.</summary>
internal sealed class RestOutboundAdapter(IHttpClientFactory clients, IOptionsMonitor<RestDestinationOptions> destinations, CircuitGates gates) : IOutboundAdapter
{
    public const string Key = "rest";

    public static string ClientName(string destination) => "dms-destination-" + destination;

    public TimeSpan? DeferFor(string destination) => gates.WaitFor(ClientName(destination), TrialWindow(destinations.Get(destination)));

    /// <summary>How long a trial call through the destination's circuit can take: its timeout and a second.</summary>
    private static TimeSpan TrialWindow(RestDestinationOptions options) => TimeSpan.FromSeconds(options.TimeoutSeconds + 1);

    public async Task<DeliveryResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var options = destinations.Get(message.Destination);
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Url)
        {
            Content = JsonContent.Create(message.Body, options: HubJson.Options),
        };
        request.Headers.Add("Idempotency-Key", message.IdempotencyKey);
        request.Headers.Add("X-Dms-Message-Type", message.MessageType);
        if (message.CorrelationId is { } correlationId)
        {
            request.Headers.Add("X-Correlation-Id", correlationId);
        }

        if (options.AuthHeader is { Length: > 0 } header && options.AuthValue is { } value)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        try
        {
            using var response = await clients.CreateClient(ClientName(message.Destination)).SendAsync(request, cancellationToken);
            return await HttpOutcomes.ClassifyAsync(response, options.ReferenceProperty, cancellationToken);
        }
        catch (Exception ex) when (HttpOutcomes.IsTransient(ex) && !cancellationToken.IsCancellationRequested)
        {
            return HttpOutcomes.FromException(ex, TrialWindow(options));
        }
    }
}
