using Dms.Hub.Storage;
using Dms.Hub.Validation;

namespace Dms.Hub.Intake;

/// <summary>
/// What claiming a document's reservations got: the errors that stop it (then nothing is held), the reservations this
/// call added, and every reservation the holder holds now — all as stored, with their ETags.
/// </summary>
public sealed record ReservationClaim(IReadOnlyList<ValidationError> Errors, IReadOnlyList<ReservationEntry> Added, IReadOnlyList<ReservationEntry> Held);
