using System.Text.Json.Nodes;
using Dms.Hub.Intake;
using Dms.Hub.Validation;

namespace Dms.Hub.Services;

/// <summary>
/// The protocol-neutral answer of a dealer service. <see cref="Reply"/> follows the service's reply schema (on a
/// refusal it may still carry what was done, such as the orders a confirmation submitted before one was refused);
/// <see cref="Details"/> are further facts about a refusal (the snapshot the hub expected).
/// </summary>
/// <param name="Title">A short human title for the refusal (REST problem title).</param>
/// <param name="Location">Where the result can be read again (REST answers it as Location).</param>
public sealed record ServiceResult(
    ServiceOutcome Outcome,
    JsonObject? Reply = null,
    string? Code = null,
    string? Message = null,
    IReadOnlyList<ValidationError>? Errors = null,
    bool Replayed = false,
    JsonObject? Details = null,
    string? Title = null,
    string? Location = null)
{
    public bool Succeeded => Outcome is ServiceOutcome.Created or ServiceOutcome.Accepted;

    public static ServiceResult Refused(ServiceOutcome outcome, string code, string title, string message, JsonObject? details = null) =>
        new(outcome, Code: code, Message: message, Details: details, Title: title);

    public static ServiceResult Invalid(IReadOnlyList<ValidationError> errors, string message) =>
        new(ServiceOutcome.Invalid, Code: "VALIDATION_FAILED", Message: message, Errors: errors, Title: "Validation failed");

    public static ServiceResult NotFound { get; } = new(ServiceOutcome.NotFound, Code: "NOT_FOUND", Message: "No such resource.", Title: "Not found");

    /// <summary>A request stopped before its handler: not JSON, or not what the request schema describes.</summary>
    public static ServiceResult From(IntakeResult failure) => failure.Kind == IntakeResultKind.Malformed
        ? new(ServiceOutcome.Malformed, Code: failure.Code, Message: failure.Message, Errors: failure.Errors, Title: "Malformed request")
        : Invalid(failure.Errors ?? [], failure.Message ?? "The request breaks its schema; see errors.");
}
