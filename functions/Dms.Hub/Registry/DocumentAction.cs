using System.Text.Json.Nodes;

namespace Dms.Hub.Registry;

/// <summary>
/// A dealer command available on a document now, in the one vocabulary every channel uses: REST problems and views,
/// SOAP acknowledgements and status replies all list these.
/// </summary>
/// <param name="Name">The command's name (<c>cancel</c>, <c>resubmissions</c>), also the last segment of <paramref name="Href"/>.</param>
/// <param name="Href">Where REST clients POST it.</param>
/// <param name="SoapOperation">The SOAP operation that runs it (<c>CancelWarrantyClaim</c>).</param>
public sealed record DocumentAction(string Name, string Summary, string Href, string SoapOperation)
{
    /// <summary>Base path of the dealer REST API.</summary>
    public const string ApiBase = "/api/v1";

    public static string SelfHref(DocumentType type, string trackingId) => $"{ApiBase}/{type.RouteSegment}/{trackingId}";

    /// <summary>Links a REST client can follow from a document: <c>self</c>, and each command its status offers, by name.</summary>
    public static JsonObject Links(DocumentType type, string trackingId, string status)
    {
        var links = new JsonObject { ["self"] = SelfHref(type, trackingId) };
        foreach (var action in For(type, trackingId, status))
        {
            links[action.Name] = action.Href;
        }

        return links;
    }

    /// <summary>The commands a document of <paramref name="type"/> in <paramref name="status"/> offers.</summary>
    public static IReadOnlyList<DocumentAction> For(DocumentType type, string trackingId, string status) =>
        type.CommandsAvailableIn(status)
            .Select(c => new DocumentAction(c.Name, c.Summary, $"{SelfHref(type, trackingId)}/{c.Name}", c.OperationName(type)))
            .ToList();
}
