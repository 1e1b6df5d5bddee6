namespace Dms.Hub.Registry;

/// <summary>
/// A cross-document effect declared by the type it acts on: when a document of <paramref name="SourceType"/> enters
/// <paramref name="SourceStatus"/>, <paramref name="Trigger"/> is fired on this type's document about the same vehicle
/// (found through the VIN index). The effect is a work item written with the source's change, so it is never lost,
/// and the target remembers the item it applied, so a repeat has no second effect.
/// </summary>
public sealed record DocumentReaction(string SourceType, string SourceStatus, string Trigger);
