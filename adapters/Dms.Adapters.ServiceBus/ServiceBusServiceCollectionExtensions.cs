using Azure.Core;
using Azure.Identity;
using Dms.Adapters.ServiceBus.Internal;
using Dms.Hub.Work;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Dms.Adapters.ServiceBus;

public static class ServiceBusServiceCollectionExtensions
{
    private const string ClientName = "dms-service-bus";

    /// <summary>
    /// Registers the <c>service-bus</c> work transport (selected with <c>Dms:Work:Transport</c>). Its settings are
    /// checked when it is selected, so a hub on another transport needs none.
    /// </summary>
    /// <param name="credential">The identity for <c>FullyQualifiedNamespace</c>; default: the managed identity.</param>
    public static IServiceCollection AddServiceBusAdapter(this IServiceCollection services, IConfiguration configuration, TokenCredential? credential = null)
    {
        services.AddOptions<ServiceBusOptions>().Bind(configuration.GetSection(ServiceBusOptions.Section)).ValidateDataAnnotations();
        services.AddHttpClient(ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler(ClientName, pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                // Sends are idempotent (duplicate detection by MessageId); settling twice is harmless.
                MaxRetryAttempts = 2,
                Delay = TimeSpan.FromMilliseconds(200),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            }));
        services.AddKeyedSingleton<IWorkTransport>(ServiceBusWorkTransport.TransportName, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptions<ServiceBusOptions>>().Value;
            var clock = sp.GetRequiredService<TimeProvider>();
            var (connection, token) = Connect(options, credential, clock);
            var client = new ServiceBusRestClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName), connection, token, options, clock);
            return new ServiceBusWorkTransport(client, options);
        });
        return services;
    }

    private static (ServiceBusConnection, IServiceBusToken) Connect(ServiceBusOptions options, TokenCredential? credential, TimeProvider clock)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            var connection = ServiceBusConnection.Parse(options.ConnectionString);
            return (connection, new SharedAccessSignature(connection.Endpoint, connection.KeyName!, connection.Key!, TimeSpan.FromMinutes(options.SasLifetimeMinutes), clock));
        }

        if (!string.IsNullOrWhiteSpace(options.FullyQualifiedNamespace))
        {
            credential ??= string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
                ? new DefaultAzureCredential()
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));
            return (ServiceBusConnection.ForNamespace(options.FullyQualifiedNamespace), new EntraToken(credential, clock));
        }

        throw new OptionsValidationException(ServiceBusOptions.Section, typeof(ServiceBusOptions),
            ["The service-bus transport needs Dms:ServiceBus:ConnectionString or Dms:ServiceBus:FullyQualifiedNamespace."]);
    }
}
