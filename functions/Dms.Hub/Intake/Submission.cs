using Dms.Hub.Dealers;
using Dms.Hub.Registry;
using Dms.Hub.Workflow;

namespace Dms.Hub.Intake;

/// <summary>A new document from a dealer, as received on any channel.</summary>
/// <param name="Body">The document as JSON (what is validated).</param>
/// <param name="Received">What arrived on the wire, when that is not <paramref name="Body"/> (a SOAP envelope): kept for audit.</param>
public sealed record Submission(DocumentType Type, Dealer Dealer, ReadOnlyMemory<byte> Body, string ContentType, string? IdempotencyKey, Actor Actor, ReceivedPayload? Received = null);
