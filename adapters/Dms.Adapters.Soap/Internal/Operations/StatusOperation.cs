using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dms.Adapters.Soap.Internal.Contract;
using Dms.Hub.Common;
using Dms.Hub.Registry;
using Dms.Hub.Storage;
using Dms.Hub.Views;
using Dms.Hub.Workflow;

namespace Dms.Adapters.Soap.Internal.Operations;

/// <summary>
/// GetDocumentStatus: the core's document view (what REST's GET shows) in the contract's shape — the document and
/// the OEM data in the element of their type; overlays and fields, maps in JSON, as lists ordered by name (XML has
/// no maps); timeline and overlay details one value per leaf. NotFound carries nothing else.
/// </summary>
internal sealed class StatusOperation(IDocumentStore store, DocumentTypeRegistry types)
{
    private static readonly string[] Copied = ["trackingId", "documentType", "documentNumber", "status", "contentVersion", "oemReference", "submittedAt", "updatedAt", "allowedActions", "deliveries"];

    public async Task<JsonObject> GetAsync(JsonObject input, SoapCaller caller, CancellationToken cancellationToken)
    {
        var trackingId = (string?)input["trackingId"];
        if (trackingId is not null && TrackingIds.TryParse(trackingId, out var owner) && owner == caller.Dealer.Code)
        {
            foreach (var type in types.All)
            {
                if (await store.GetAsync(owner, type.Name, trackingId, cancellationToken) is { } document)
                {
                    return Found(type, document);
                }
            }
        }

        return new JsonObject { ["outcome"] = "NotFound" };
    }

    public static JsonObject Found(DocumentType type, DocumentRecord document)
    {
        var view = DocumentView.Full(type, document);
        var status = new JsonObject { ["outcome"] = "Found" };
        foreach (var name in Copied)
        {
            status[name] = view[name]?.DeepClone();
        }

        if (type.StateSchemaName is { } state && document.Oem.Count > 0)
        {
            status["oem"] = new JsonObject { [ShapeBuilder.ElementName(state)] = document.Oem.DeepClone() };
        }

        if (document.Overlays.Count > 0)
        {
            status["overlays"] = new JsonArray([.. document.Overlays.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => Overlay(o.Key, o.Value))]);
        }

        if (document.Fields.Count > 0)
        {
            status["fields"] = new JsonArray([.. document.Fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => (JsonNode)new JsonObject { ["name"] = f.Key, ["value"] = f.Value })]);
        }

        status["timeline"] = new JsonArray([.. document.Timeline.Select(Entry)]);
        status["document"] = new JsonObject { [ShapeBuilder.ElementName(type.SchemaName)] = document.Body.DeepClone() };
        return status;
    }

    private static JsonNode Entry(TimelineEntry entry) => WithLeaves(JsonSerializer.SerializeToNode(entry, HubJson.Options)!.AsObject(), entry.Details);

    private static JsonObject Overlay(string name, Overlay overlay)
    {
        var json = JsonSerializer.SerializeToNode(overlay, HubJson.Options)!.AsObject();
        json.Insert(0, "name", name);
        return WithLeaves(json, overlay.Details);
    }

    /// <summary>Replaces <c>details</c> (any JSON) by one name/value pair per leaf.</summary>
    private static JsonObject WithLeaves(JsonObject json, JsonObject? details)
    {
        json.Remove("details");
        if (details is { Count: > 0 })
        {
            var leaves = new JsonArray();
            Flatten(details, string.Empty, leaves);
            json["details"] = leaves;
        }

        return json;
    }

    private static void Flatten(JsonNode? node, string name, JsonArray leaves)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    Flatten(child, name.Length == 0 ? key : $"{name}/{key}", leaves);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Flatten(array[i], $"{name}[{(i + 1).ToString(CultureInfo.InvariantCulture)}]", leaves);
                }

                break;
            case JsonValue value:
                leaves.Add(new JsonObject { ["name"] = name, ["value"] = value.GetValueKind() == JsonValueKind.String ? value.ToString() : value.ToJsonString() });
                break;
        }
    }
}
