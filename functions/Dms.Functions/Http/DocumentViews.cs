using System.Text.Json.Nodes;
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
