using Dms.Hub.Registry;

namespace Dms.Hub.Storage;

/// <summary>A stored reservation with its holder and the data it carries.</summary>
public sealed record ReservationEntry(
    string Scope,
    string Key,
    ReservationHolder Holder,
    DateTimeOffset ReservedAt,
    bool Confirmed,
    IReadOnlyDictionary<string, string> Data,
    string ETag);
