using System.Threading.RateLimiting;
using Dms.Adapters.Rest.Internal;
using Dms.Hub.Notifications;
using Dms.Hub.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;

namespace Dms.Adapters.Rest;

public static class RestServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <c>rest</c> outbound adapter (one resilient HttpClient per destination that names it) and the
    /// <c>webhook</c> dealer notifier. Retries are not done here: failures go back to the durable work queue.
    /// </summary>
    public static IServiceCollection AddRestAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddKeyedSingleton<IOutboundAdapter, RestOutboundAdapter>(RestOutboundAdapter.Key);
        services.AddSingleton<CircuitGates>();
        services.AddKeyedSingleton<IDealerNotifier, WebhookNotifier>(WebhookNotifier.Key);

        foreach (var destination in configuration.GetSection(RoutingOptions.Section + ":Destinations").GetChildren())
        {
            if (!string.Equals(destination["Adapter"], RestOutboundAdapter.Key, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            services.AddOptions<RestDestinationOptions>(destination.Key).Bind(destination).ValidateDataAnnotations()
                .Validate(o => FitsInHalfALease(o.TimeoutSeconds, configuration), $"Dms:Routing:Destinations:{destination.Key}:TimeoutSeconds must be below half of Dms:Work:LeaseSeconds.")
                .ValidateOnStart();
            var options = destination.Get<RestDestinationOptions>() ?? new RestDestinationOptions();
            AddResilientClient(services, RestOutboundAdapter.ClientName(destination.Key), options.TimeoutSeconds, options.MaxConcurrency, options);
        }

        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section)).ValidateDataAnnotations()
            .Validate(o => FitsInHalfALease(o.TimeoutSeconds, configuration), "Dms:Notifications:Webhook:TimeoutSeconds must be below half of Dms:Work:LeaseSeconds.")
            .ValidateOnStart();
        var webhooks = configuration.GetSection(WebhookOptions.Section).Get<WebhookOptions>() ?? new WebhookOptions();
        AddWebhookClient(services, webhooks);
        return services;
    }

    /// <summary>
    /// An attempt may start with half its lease left (work claimed at birth that waited in the queue), and must end
    /// before the lease does, or a second runner could start the same attempt beside it.
    /// </summary>
    private static bool FitsInHalfALease(int timeoutSeconds, IConfiguration configuration) =>
        timeoutSeconds * 2 < configuration.GetValue("Dms:Work:LeaseSeconds", 60);

    private static void AddResilientClient(IServiceCollection services, string name, int timeoutSeconds, int maxConcurrency, RestDestinationOptions breaker)
    {
        services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("dms", (pipeline, context) =>
            {
                // The gates mirror the breaker's state so queued work can wait for it without leasing (CircuitGates).
                var gates = context.ServiceProvider.GetRequiredService<CircuitGates>();
                pipeline
                    .AddConcurrencyLimiter(Limiter(maxConcurrency))
                    .AddCircuitBreaker(Breaker(breaker, args => gates.Opened(name, args.BreakDuration), _ => gates.Closed(name)))
                    .AddTimeout(TimeSpan.FromSeconds(timeoutSeconds));
            });
    }

    /// <summary>
    /// Pushes to dealers: one limit on the calls in flight for all dealers (the hub's outbound budget), and a circuit
    /// per dealer host (scheme, host and port of its callback URL). With one circuit for all, a single dealer whose
    /// listener was down opened it for every dealer's pushes — each deferred a whole break, at a round trip per
    /// deferral — though their own endpoints answered. A dealer's push that meets its own open circuit is deferred
    /// before any request is built (<see cref="WebhookNotifier"/> asks the host's gate); nobody else waits on it.
    /// </summary>
    private static void AddWebhookClient(IServiceCollection services, WebhookOptions options)
    {
        var client = services.AddHttpClient(WebhookNotifier.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        client.AddResilienceHandler("dms-limit", pipeline => pipeline.AddConcurrencyLimiter(Limiter(options.MaxConcurrency)));
        client.AddResilienceHandler("dms", (pipeline, context) =>
            {
                // The gates mirror each dealer host's breaker so WebhookNotifier can defer without asking Polly (which
                // answers an open circuit with an exception); the host comes from the request that opened or closed it.
                var gates = context.ServiceProvider.GetRequiredService<CircuitGates>();
                pipeline
                    .AddCircuitBreaker(Breaker(
                        new RestDestinationOptions(),
                        args => gates.Opened(WebhookNotifier.GateName(WebhookNotifier.CircuitKey(args.Context.GetRequestMessage()?.RequestUri)), args.BreakDuration),
                        args => gates.Closed(WebhookNotifier.GateName(WebhookNotifier.CircuitKey(args.Context.GetRequestMessage()?.RequestUri)))))
                    .AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds));
            })
            .SelectPipelineBy(_ => request => WebhookNotifier.CircuitKey(request.RequestUri));
    }

    private static ConcurrencyLimiterOptions Limiter(int maxConcurrency) => new() { PermitLimit = maxConcurrency, QueueLimit = maxConcurrency * 4 };

    private static HttpCircuitBreakerStrategyOptions Breaker(RestDestinationOptions breaker, Action<OnCircuitOpenedArguments<HttpResponseMessage>> opened, Action<OnCircuitClosedArguments<HttpResponseMessage>> closed) => new()
    {
        FailureRatio = breaker.BreakFailureRatio,
        MinimumThroughput = breaker.BreakMinimumThroughput,
        SamplingDuration = TimeSpan.FromSeconds(30),
        BreakDuration = TimeSpan.FromSeconds(breaker.BreakSeconds),
        OnOpened = args =>
        {
            opened(args);
            return default;
        },
        OnClosed = args =>
        {
            closed(args);
            return default;
        },
    };
}
