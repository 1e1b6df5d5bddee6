using System.Text.Json.Nodes;

namespace Dms.Hub.Routing;

/// <summary>One message for one destination. <see cref="Body"/> is the hub's outbound envelope (document + context).</summary>
public sealed record OutboundMessage(
    string Destination,
    string IdempotencyKey,
    string MessageType,
    string DocumentType,
    string TrackingId,
    string DealerCode,
    string? CorrelationId,
    JsonObject Body);
