using System.Text.Json.Nodes;
using System.Text.Json;
using Dms.Hub.Common;
using Dms.Hub.Intake;
using Dms.Hub.Registry;
using Dms.Hub.Storage;
using Dms.Hub.Views;
using Dms.Hub.Workflow;

namespace Dms.Functions.Http;

/// <summary>JSON views of documents: the full view (the core's document view plus links) and list summaries.</summary>
internal static class DocumentViews
{
    public static JsonObject Full(DocumentType type, DocumentRecord document)
    {
        var view = DocumentView.Full(type, document);
        view["links"] = DocumentLinks.For(type, document.TrackingId, document.Status);
        return view;
    }

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
