namespace Dms.Hub.Intake;

/// <summary>The bytes a channel received, when they differ from the JSON the hub validates (e.g. a SOAP envelope).</summary>
public sealed record ReceivedPayload(ReadOnlyMemory<byte> Content, string ContentType);
