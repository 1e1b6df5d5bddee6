namespace Dms.Hub.Registry;

/// <summary>One edge of a document state machine. <paramref name="Outbound"/> names the message sent to the OEM
/// when the edge is taken (routed like a new submission), if any.</summary>
public sealed record Transition(string From, string Trigger, string To, string? Outbound = null);
