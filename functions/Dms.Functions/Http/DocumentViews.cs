using System.Text.Json;
using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Registry;
using Dms.Hub.Storage;
using Dms.Hub.Workflow;

namespace Dms.Functions.Http;

/// <summary>JSON views of documents: the full view (state, OEM data, deliveries, timeline) and list summaries.</summary>
internal static class DocumentViews
{
    public static JsonObject Full(DocumentType type, DocumentRecord document) => new()
    {
        ["trackingId"] = document.TrackingId,
        ["documentType"] = document.DocumentType,
        ["documentNumber"] = document.DocumentNumber,
        ["status"] = document.Status,
        ["contentVersion"] = document.ContentVersion,
        ["submittedAt"] = document.SubmittedAt,
        ["updatedAt"] = document.UpdatedAt,
        ["oemReference"] = document.OemReference,
        ["oem"] = document.Oem.DeepClone(),
        ["deliveries"] = JsonSerializer.SerializeToNode(document.Deliveries.Select(d => new
        {
            d.Destination, d.MessageType, d.ContentVersion, d.Status, d.Attempts, d.LastError, d.OemReference, d.CreatedAt, d.CompletedAt, d.NextAttemptAt,
        }), HubJson.Options),
        ["timeline"] = JsonSerializer.SerializeToNode(document.Timeline, HubJson.Options),
        ["document"] = document.Body.DeepClone(),
        ["links"] = DocumentLinks.For(type, document.TrackingId, document.Status),
    };

    public static JsonObject Summary(DocumentType type, DocumentSummary summary) => new()
    {
        ["trackingId"] = summary.TrackingId,
        ["documentNumber"] = summary.DocumentNumber,
        ["status"] = summary.Status,
        ["contentVersion"] = summary.ContentVersion,
        ["submittedAt"] = summary.SubmittedAt,
        ["updatedAt"] = summary.UpdatedAt,
        ["oemReference"] = summary.OemReference,
        ["links"] = new JsonObject { ["self"] = DocumentLinks.Self(type, summary.TrackingId) },
    };
}
