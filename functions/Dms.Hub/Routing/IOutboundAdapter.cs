namespace Dms.Hub.Routing;

/// <summary>
/// Port: sends a message to an OEM system over one protocol. Registered as a keyed service under its protocol name
/// (<c>rest</c>, ...), which destinations name in configuration; adding a protocol never edits a switch.
/// </summary>
public interface IOutboundAdapter
{
    /// <summary>Sends once. Must not throw for destination failures: classify them in the result instead.</summary>
    Task<DeliveryResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// How long a send to <paramref name="destination"/> would be refused without calling it (its circuit is open),
    /// so work can wait without taking a lease or an attempt; null when a send would go out now.
    /// </summary>
    TimeSpan? DeferFor(string destination) => null;
}
