using System.Text.Json.Nodes;

namespace Dms.Hub.Workflow;

/// <summary>
/// A condition orthogonal to a document's status, set and released on its own: a hold on a vehicle order (reason
/// class and the OEM's reason code), a credit hold on a parts order. Released overlays stay, inactive, with when.
/// </summary>
public sealed record Overlay
{
    public bool Active { get; init; }

    /// <summary>The hub's class of reason (PlantQuality, Finance, Material, Carrier, Damage, Dealer, Other ...).</summary>
    public string? ReasonClass { get; init; }

    /// <summary>The sender's own reason code (the OEM's hold code), as received.</summary>
    public string? ReasonCode { get; init; }

    /// <summary>When it was set (the sender's time when it says so).</summary>
    public DateTimeOffset Since { get; init; }

    public DateTimeOffset? ReleasedAt { get; init; }

    /// <summary>The sender's time of the latest change: an older change arriving late is not applied.</summary>
    public DateTimeOffset ChangedAt { get; init; }

    public JsonObject? Details { get; init; }
}
