using System.Text.Json.Nodes;
using Dms.Hub.Validation;

namespace Dms.Hub.Registry;

/// <summary>
/// What a command wants: a trigger to fire, or the errors that stop it. A resubmission carries its new body;
/// <paramref name="Apply"/> changes the document beyond its body (an overlay such as a pending change) in the same commit.
/// </summary>
public sealed record CommandPlan(
    string Trigger,
    IReadOnlyList<ValidationError> Errors,
    CanonicalDocument? Replacement = null,
    IReadOnlyList<Reservation>? Reservations = null,
    JsonObject? Details = null,
    IReadOnlyList<Reservation>? Releases = null,
    Action<Workflow.DocumentRecord>? Apply = null)
{
    public static CommandPlan Fail(params ValidationError[] errors) => new(string.Empty, errors);
}
