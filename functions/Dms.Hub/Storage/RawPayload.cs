namespace Dms.Hub.Storage;

/// <summary>The exact bytes a dealer sent, kept for audit (chargeback disputes are won with them).</summary>
public sealed record RawPayload(string TrackingId, int ContentVersion, string Channel, string ContentType, ReadOnlyMemory<byte> Content, DateTimeOffset ReceivedAt);
