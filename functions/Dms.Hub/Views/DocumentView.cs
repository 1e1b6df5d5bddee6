using System.Text.Json;
using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Registry;
using Dms.Hub.Workflow;

namespace Dms.Hub.Views;

/// <summary>
/// What a dealer may see of one of its documents, protocol-neutral: state, OEM data, deliveries, timeline, the
/// document itself and the commands available now. REST answers it as JSON, SOAP renders it as XML, so both
/// channels carry the same facts.
/// </summary>
public static class DocumentView
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
        ["allowedActions"] = Actions(DocumentAction.For(type, document.TrackingId, document.Status)),
    };

    /// <summary>The actions as JSON: <c>[{name, summary, href, soapOperation}]</c>.</summary>
    public static JsonArray Actions(IEnumerable<DocumentAction> actions) =>
        new([.. actions.Select(a => (JsonNode)new JsonObject { ["name"] = a.Name, ["summary"] = a.Summary, ["href"] = a.Href, ["soapOperation"] = a.SoapOperation })]);
}
