namespace Dms.Hub.Routing;

/// <summary>A routing rule: documents of a type (optionally of a brand or region) go to the named destinations.</summary>
public sealed class RouteOptions
{
    public string DocumentType { get; set; } = string.Empty;

    public string? Brand { get; set; }

    public string? Region { get; set; }

    public List<string> Destinations { get; set; } = [];
}
