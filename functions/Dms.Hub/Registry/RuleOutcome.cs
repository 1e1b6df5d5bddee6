using Dms.Hub.Validation;

namespace Dms.Hub.Registry;

/// <summary>The rules' verdict on a document and the reservations it needs if accepted.</summary>
public sealed record RuleOutcome(IReadOnlyList<ValidationError> Errors, IReadOnlyList<Reservation> Reservations);
