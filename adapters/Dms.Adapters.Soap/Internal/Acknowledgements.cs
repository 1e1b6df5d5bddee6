using Dms.Adapters.Soap.Contracts;
using Dms.Hub.Intake;

namespace Dms.Adapters.Soap.Internal;

/// <summary>The SOAP form of an <see cref="IntakeResult"/>: business errors are messages, never faults (STAR).</summary>
internal static class Acknowledgements
{
    public static Acknowledgement From(IntakeResult result) => new()
    {
        Outcome = result.Kind switch
        {
            IntakeResultKind.Accepted => "Accepted",
            IntakeResultKind.Conflict => "Conflict",
            IntakeResultKind.IllegalTransition => "NotAllowed",
            IntakeResultKind.NotFound => "NotFound",
            IntakeResultKind.Forbidden => "Forbidden",
            _ => "Rejected",
        },
        TrackingId = result.TrackingId,
        Status = result.Status,
        Replayed = result.Replayed,
        Code = result.Code,
        Message = result.Message,
        Errors = result.Errors is { Count: > 0 } errors ? [.. errors.Select(e => new ErrorXml { Path = e.Path, Code = e.Code, Message = e.Message })] : null,
        AllowedActions = result.AllowedTriggers is { Count: > 0 } allowed ? [.. allowed] : null,
    };
}
