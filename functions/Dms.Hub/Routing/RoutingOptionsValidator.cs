using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Routing;

/// <summary>Fails start-up when a route names an unknown destination or a destination an unregistered adapter.</summary>
internal sealed class RoutingOptionsValidator(IServiceProvider services) : IValidateOptions<RoutingOptions>
{
    public ValidateOptionsResult Validate(string? name, RoutingOptions options)
    {
        var keyed = services.GetRequiredService<IServiceProviderIsKeyedService>();
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
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
