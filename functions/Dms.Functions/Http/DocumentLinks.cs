using System.Text.Json.Nodes;
using Dms.Hub.Registry;

namespace Dms.Functions.Http;

/// <summary>Links a dealer can follow from a document: itself, and the commands its current status allows.</summary>
internal static class DocumentLinks
{
    public static string Self(DocumentType type, string trackingId) => DocumentAction.SelfHref(type, trackingId);

    public static JsonObject For(DocumentType type, string trackingId, string status) => DocumentAction.Links(type, trackingId, status);
}
