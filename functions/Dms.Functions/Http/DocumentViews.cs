using System.Text.Json;
using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Intake;
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
        ["overlays"] = JsonSerializer.SerializeToNode(document.Overlays, HubJson.Options),
        ["fields"] = JsonSerializer.SerializeToNode(document.Fields, HubJson.Options),
        ["deliveries"] = JsonSerializer.SerializeToNode(document.Deliveries.Select(d => new
        {
            d.Destination, d.MessageType, d.ContentVersion, d.Status, d.Attempts, d.LastError, d.OemReference, d.CreatedAt, d.CompletedAt, d.NextAttemptAt,
        }), HubJson.Options),
        ["timeline"] = JsonSerializer.SerializeToNode(document.Timeline, HubJson.Options),
        ["document"] = document.Body.DeepClone(),
        ["links"] = DocumentLinks.For(type, document.TrackingId, document.Status),
    };

    /// <param name="withDealer">Name the dealer (lists across dealers, for operators).</param>
    public static JsonObject Summary(DocumentType type, DocumentSummary summary, bool withDealer = false)
    {
        var view = new JsonObject
        {
            ["trackingId"] = summary.TrackingId,
            ["documentNumber"] = summary.DocumentNumber,
            ["status"] = summary.Status,
            ["contentVersion"] = summary.ContentVersion,
            ["submittedAt"] = summary.SubmittedAt,
            ["updatedAt"] = summary.UpdatedAt,
            ["oemReference"] = summary.OemReference,
            ["fields"] = JsonSerializer.SerializeToNode(summary.Fields ?? new Dictionary<string, string>(), HubJson.Options),
            ["links"] = new JsonObject { ["self"] = DocumentLinks.Self(type, summary.TrackingId) },
        };
        if (withDealer && TrackingIds.TryParse(summary.TrackingId, out var dealer))
        {
            view["dealerCode"] = dealer;
        }

        return view;
    }

    /// <summary>The vehicle a document is about and the caller's other documents about it (its order, RDR, claims).</summary>
    public static JsonObject Vehicle(string vin, IEnumerable<VehicleLink> related, DocumentTypeRegistry registry) => new()
    {
        ["vin"] = vin,
        ["documents"] = new JsonArray([.. related
            .Where(r => registry.TryGet(r.DocumentType, out _))
            .Select(r => new JsonObject
            {
                ["documentType"] = r.DocumentType,
                ["trackingId"] = r.TrackingId,
                ["href"] = DocumentLinks.Self(registry.Get(r.DocumentType), r.TrackingId),
            })]),
    };
}
