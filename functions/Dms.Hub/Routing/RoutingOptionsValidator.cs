using Dms.Hub.Notifications;
using Dms.Hub.Work;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Routing;

/// <summary>
/// Fails start-up when a route names an unknown destination, a destination an unregistered adapter, or a destination (or
/// notifications) allow more attempts than the work runner's poison limit (<c>Dms:Work:Retry:MaxAttempts</c>), which would cut its
/// retries short.
/// </summary>
internal sealed class RoutingOptionsValidator(IServiceProvider services) : IValidateOptions<RoutingOptions>
{
    public ValidateOptionsResult Validate(string? name, RoutingOptions options)
    {
        var keyed = services.GetRequiredService<IServiceProviderIsKeyedService>();
        var work = services.GetRequiredService<IOptions<WorkOptions>>().Value;
        var failures = new List<string>();
        foreach (var route in options.Routes)
        {
            failures.AddRange(route.Destinations
                .Where(d => !options.Destinations.ContainsKey(d))
                .Select(d => $"Route for '{route.DocumentType}' names unknown destination '{d}'."));
        }

        foreach (var (destinationName, destination) in options.Destinations)
        {
            if (!keyed.IsKeyedService(typeof(IOutboundAdapter), destination.Adapter))
            {
                failures.Add($"Destination '{destinationName}' uses adapter '{destination.Adapter}', which is not registered.");
            }

            if (destination.Retry.MaxAttempts > work.Retry.MaxAttempts)
            {
                failures.Add($"Destination '{destinationName}' allows {destination.Retry.MaxAttempts} attempts but Dms:Work:Retry:MaxAttempts is {work.Retry.MaxAttempts}; raise the latter.");
            }
        }

        var notifications = services.GetRequiredService<IOptions<NotificationOptions>>().Value;
        if (notifications.Retry.MaxAttempts > work.Retry.MaxAttempts)
        {
            failures.Add($"Dms:Notifications:Retry:MaxAttempts is {notifications.Retry.MaxAttempts} but Dms:Work:Retry:MaxAttempts is {work.Retry.MaxAttempts}; raise the latter.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
