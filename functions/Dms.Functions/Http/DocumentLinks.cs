using System.Text.Json.Nodes;
using Dms.Hub.Registry;

namespace Dms.Functions.Http;

/// <summary>Links a dealer can follow from a document: itself, and the commands its current status allows.</summary>
internal static class DocumentLinks
{
    public static string Self(DocumentType type, string trackingId) => $"/api/v1/{type.RouteSegment}/{trackingId}";

    public static JsonObject For(DocumentType type, string trackingId, string status)
    {
        var self = Self(type, trackingId);
        var links = new JsonObject { ["self"] = self };
        var allowed = type.States.TriggersFrom(status);
        foreach (var command in type.Commands.Where(c => c.Triggers.Any(allowed.Contains)))
        {
            links[command.Name] = $"{self}/{command.Name}";
        }

        return links;
    }
}
