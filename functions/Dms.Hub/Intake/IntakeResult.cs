using Dms.Hub.Registry;
using Dms.Hub.Validation;

namespace Dms.Hub.Intake;

/// <summary>The protocol-neutral answer to a submission, command or OEM event; REST and SOAP map it their own way.</summary>
/// <param name="AllowedTriggers">For an OEM event refused in this state: the events that are legal now.</param>
/// <param name="AllowedActions">For a dealer command refused in this state: the commands the dealer may send now.</param>
public sealed record IntakeResult(
    IntakeResultKind Kind,
    string? TrackingId = null,
    string? Status = null,
    IReadOnlyList<ValidationError>? Errors = null,
    string? Code = null,
    string? Message = null,
    bool Replayed = false,
    IReadOnlyList<string>? AllowedTriggers = null,
    IReadOnlyList<DocumentAction>? AllowedActions = null)
{
    public static IntakeResult Accepted(string trackingId, string status, bool replayed = false) =>
        new(IntakeResultKind.Accepted, trackingId, status, Replayed: replayed);

    public static IntakeResult Malformed(ValidationError error) =>
        new(IntakeResultKind.Malformed, Errors: [error], Code: error.Code, Message: error.Message);

    public static IntakeResult Invalid(IReadOnlyList<ValidationError> errors) =>
        new(IntakeResultKind.Invalid, Errors: errors, Code: "VALIDATION_FAILED", Message: "The document breaks one or more rules; see errors.");

    public static IntakeResult Conflict(string code, string message, string? trackingId = null) =>
        new(IntakeResultKind.Conflict, trackingId, Code: code, Message: message);

    public static IntakeResult NotFound { get; } = new(IntakeResultKind.NotFound, Code: "NOT_FOUND", Message: "No such document.");

    public static IntakeResult Illegal(string trackingId, string status, string trigger, IReadOnlyList<string> allowed) =>
        new(IntakeResultKind.IllegalTransition, trackingId, status, Code: "INVALID_STATE_TRANSITION",
            Message: $"'{trigger}' is not allowed while the document is {status}.", AllowedTriggers: allowed);

    public static IntakeResult NotAllowed(string trackingId, string status, string command, IReadOnlyList<DocumentAction> allowed) =>
        new(IntakeResultKind.IllegalTransition, trackingId, status, Code: "INVALID_STATE_TRANSITION",
            Message: $"'{command}' is not allowed while the document is {status}.", AllowedActions: allowed);

    public static IntakeResult Forbidden(string code, string message) => new(IntakeResultKind.Forbidden, Code: code, Message: message);
}
