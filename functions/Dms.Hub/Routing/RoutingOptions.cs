namespace Dms.Hub.Routing;

/// <summary>Routing table and destinations (section <c>Dms:Routing</c>). Routes are tried in order; the first match wins.</summary>
public sealed class RoutingOptions
{
    public const string Section = "Dms:Routing";

    public List<RouteOptions> Routes { get; set; } = [];

    public Dictionary<string, DestinationOptions> Destinations { get; set; } = new(StringComparer.Ordinal);
}
