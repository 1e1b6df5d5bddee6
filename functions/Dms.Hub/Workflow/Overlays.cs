using System.Text.Json.Nodes;

namespace Dms.Hub.Workflow;

public enum OverlayChange
{
    /// <summary>The overlay changed: record it and tell the dealer.</summary>
    Changed,

    /// <summary>Already so (a duplicate): nothing to apply.</summary>
    Unchanged,

    /// <summary>Older than the overlay's latest change (arrived late): recorded, never applied.</summary>
    Stale,
}

/// <summary>Sets and releases a document's overlays; every change is judged against the sender's time of the last one.</summary>
public static class Overlays
{
    public static bool IsActive(DocumentRecord document, string name) => document.Overlays.TryGetValue(name, out var overlay) && overlay.Active;

    /// <summary>What setting <paramref name="name"/> would do, without doing it.</summary>
    public static OverlayChange JudgeSet(DocumentRecord document, string name, string? reasonClass, string? reasonCode, DateTimeOffset at) =>
        document.Overlays.TryGetValue(name, out var current) switch
        {
            true when at < current.ChangedAt => OverlayChange.Stale,
            true when current.Active && current.ReasonClass == reasonClass && current.ReasonCode == reasonCode => OverlayChange.Unchanged,
            _ => OverlayChange.Changed,
        };

    /// <summary>What releasing <paramref name="name"/> would do, without doing it.</summary>
    public static OverlayChange JudgeRelease(DocumentRecord document, string name, DateTimeOffset at) =>
        document.Overlays.TryGetValue(name, out var current) switch
        {
            true when at < current.ChangedAt => OverlayChange.Stale,
            true when current.Active => OverlayChange.Changed,
            _ => OverlayChange.Unchanged,
        };

    /// <summary>Sets the overlay; a change of reason keeps it active and starts a new "since".</summary>
    public static void Set(DocumentRecord document, string name, string? reasonClass, string? reasonCode, DateTimeOffset at, JsonObject? details = null) =>
        document.Overlays[name] = new Overlay
        {
            Active = true, ReasonClass = reasonClass, ReasonCode = reasonCode, Since = at, ChangedAt = at, Details = details,
        };

    public static void Release(DocumentRecord document, string name, DateTimeOffset at)
    {
        if (document.Overlays.TryGetValue(name, out var current))
        {
            document.Overlays[name] = current with { Active = false, ReleasedAt = at, ChangedAt = at };
        }
    }
}
