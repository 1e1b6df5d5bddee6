using System.Threading.RateLimiting;
using Dms.Adapters.Rest.Internal;
using Dms.Hub.Notifications;
using Dms.Hub.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

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

            services.AddOptions<RestDestinationOptions>(destination.Key).Bind(destination).ValidateDataAnnotations().ValidateOnStart();
            var options = destination.Get<RestDestinationOptions>() ?? new RestDestinationOptions();
            AddResilientClient(services, RestOutboundAdapter.ClientName(destination.Key), options.TimeoutSeconds, options.MaxConcurrency, options);
        }

        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var webhooks = configuration.GetSection(WebhookOptions.Section).Get<WebhookOptions>() ?? new WebhookOptions();
        AddResilientClient(services, WebhookNotifier.ClientName, webhooks.TimeoutSeconds, webhooks.MaxConcurrency, new RestDestinationOptions());
        return services;
    }

    private static void AddResilientClient(IServiceCollection services, string name, int timeoutSeconds, int maxConcurrency, RestDestinationOptions breaker)
    {
        services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("dms", (pipeline, context) =>
            {
                // The gates mirror the breaker's state so queued work can wait for it without leasing (CircuitGates).
                var gates = context.ServiceProvider.GetRequiredService<CircuitGates>();
                pipeline
                    .AddConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = maxConcurrency, QueueLimit = maxConcurrency * 4 })
                    .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                    {
                        FailureRatio = breaker.BreakFailureRatio,
                        MinimumThroughput = breaker.BreakMinimumThroughput,
                        SamplingDuration = TimeSpan.FromSeconds(30),
                        BreakDuration = TimeSpan.FromSeconds(breaker.BreakSeconds),
                        OnOpened = args =>
                        {
                            gates.Opened(name, args.BreakDuration);
                            return default;
                        },
                        OnClosed = _ =>
                        {
                            gates.Closed(name);
                            return default;
                        },
                    })
                    .AddTimeout(TimeSpan.FromSeconds(timeoutSeconds));
            });
    }
}
