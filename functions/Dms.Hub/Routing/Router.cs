using Dms.Hub.Dealers;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Routing;

/// <summary>Resolves where a document goes: the first route whose type, brand and region match.</summary>
public sealed class Router(IOptionsMonitor<RoutingOptions> options)
{
    public IReadOnlyList<string> Resolve(string documentType, Dealer dealer)
    {
        foreach (var route in options.CurrentValue.Routes)
        {
            if (route.DocumentType == documentType
                && (route.Brand is null || string.Equals(route.Brand, dealer.Brand, StringComparison.OrdinalIgnoreCase))
                && (route.Region is null || string.Equals(route.Region, dealer.Region, StringComparison.OrdinalIgnoreCase)))
            {
                return route.Destinations;
            }
        }

        return [];
    }

    public DestinationOptions? Destination(string name) =>
        options.CurrentValue.Destinations.TryGetValue(name, out var destination) ? destination : null;
}
