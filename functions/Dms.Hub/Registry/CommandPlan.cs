using System.Text.Json.Nodes;
using Dms.Hub.Validation;

namespace Dms.Hub.Registry;

/// <summary>What a command wants: a trigger to fire, or the errors that stop it. A resubmission carries its new body.</summary>
public sealed record CommandPlan(
    string Trigger,
    IReadOnlyList<ValidationError> Errors,
    CanonicalDocument? Replacement = null,
    IReadOnlyList<Reservation>? Reservations = null,
    JsonObject? Details = null,
    IReadOnlyList<Reservation>? Releases = null)
{
    public static CommandPlan Fail(params ValidationError[] errors) => new(string.Empty, errors);
}
