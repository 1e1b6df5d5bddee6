using System.Text.Json.Nodes;
using Dms.Hub.Dealers;
using Dms.Hub.Workflow;

namespace Dms.Hub.Routing;

/// <summary>
/// The hub's canonical outbound message. Built only from stored data (never the clock), so every retry of a
/// delivery sends byte-identical content under the same Idempotency-Key.
/// </summary>
public static class OutboundEnvelope
{
    public static string IdempotencyKey(DocumentRecord document, DeliveryRecord delivery) => $"{document.TrackingId}/{delivery.Id}";

    public static OutboundMessage Build(DocumentRecord document, DeliveryRecord delivery, Dealer dealer)
    {
        var key = IdempotencyKey(document, delivery);
        var body = new JsonObject
        {
            ["messageId"] = key,
            ["messageType"] = delivery.MessageType,
            ["documentType"] = document.DocumentType,
            ["trackingId"] = document.TrackingId,
            ["documentNumber"] = document.DocumentNumber,
            ["contentVersion"] = delivery.ContentVersion,
            ["createdAt"] = delivery.CreatedAt,
            ["dealer"] = new JsonObject { ["code"] = dealer.Code, ["region"] = dealer.Region, ["brand"] = dealer.Brand },
            ["oemReference"] = document.OemReference,
            ["document"] = document.Body.DeepClone(),
        };
        if (delivery.Details is not null)
        {
            body["command"] = delivery.Details.DeepClone();
        }

        return new OutboundMessage(delivery.Destination, key, delivery.MessageType, document.DocumentType, document.TrackingId, document.DealerCode, document.Timeline.LastOrDefault()?.CorrelationId, body);
    }
}
