using Dms.Hub.Registry;
using Dms.Hub.Workflow;

namespace Dms.Hub.Intake;

/// <summary>An event the OEM posts about one document.</summary>
public sealed record OemEventRequest(DocumentType Type, string TrackingId, ReadOnlyMemory<byte> Body, string? IdempotencyKey, Actor Actor);
