using Dms.Hub.Dealers;
using Dms.Hub.Registry;
using Dms.Hub.Workflow;

namespace Dms.Hub.Intake;

/// <summary>A dealer command on one of its documents (cancel, resubmission, appeal, unwind).</summary>
public sealed record CommandRequest(DocumentType Type, Dealer Dealer, string TrackingId, string Command, ReadOnlyMemory<byte> Body, string? IdempotencyKey, Actor Actor, ReceivedPayload? Received = null);
