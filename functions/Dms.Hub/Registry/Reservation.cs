namespace Dms.Hub.Registry;

/// <summary>
/// A uniqueness claim a document makes outside its own partition (a VIN retailed once; one claim per VIN, labor
/// operation and repair date). Held by (dealer, type, number) so that replays of the same document never conflict
/// with themselves. <paramref name="Data"/> is stored on the claim (the vehicle's warranty start, for instance).
/// With a <paramref name="Capacity"/> the reservation is one unit of a counted pool (an allocation): the scope holds at
/// most that many live holders, each in a slot of its own, and <paramref name="Key"/> only names the pool.
/// </summary>
public sealed record Reservation(
    string Scope,
    string Key,
    string ErrorPath,
    string ErrorCode,
    string Message,
    IReadOnlyDictionary<string, string>? Data = null,
    int? Capacity = null);
