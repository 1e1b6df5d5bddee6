using Dms.Hub.Dealers;
using Dms.Hub.Registry;
using Dms.Hub.Workflow;

namespace Dms.Hub.Intake;

/// <summary>A new document from a dealer, as received on any channel.</summary>
public sealed record Submission(DocumentType Type, Dealer Dealer, ReadOnlyMemory<byte> Body, string ContentType, string? IdempotencyKey, Actor Actor);
