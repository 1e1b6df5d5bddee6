namespace Dms.DealerSimulator;

/// <summary>How one dealer system talks to the hub: prepares a document once (so a resend is byte-identical) and submits it.</summary>
public interface IDealerChannel
{
    string Name { get; }

    /// <summary>A document ready to send. <paramref name="invalid"/> makes one the hub must refuse (schema or rule error).</summary>
    PreparedDocument Prepare(MixEntry type, string vin, bool invalid);

    /// <summary>One attempt; the caller retries retryable answers with the same prepared document.</summary>
    Task<Answer> SubmitAsync(PreparedDocument document, CancellationToken cancellationToken);
}

/// <param name="Payload">The channel's own form (JSON text for REST, a data contract for SOAP).</param>
public sealed record PreparedDocument(string DocumentType, string IdempotencyKey, bool Invalid, object Payload);

public enum AnswerKind
{
    /// <summary>Stored and acknowledged (202/200, or a SOAP acknowledgement with outcome Accepted).</summary>
    Accepted,

    /// <summary>Refused with reasons (400/409/422, or outcome Rejected/Conflict).</summary>
    Refused,

    /// <summary>No answer worth keeping: connection error, timeout, 429, 5xx, fault.</summary>
    Failed,
}

/// <param name="ErrorKind">For refusals and failures, a short kind such as <c>http-503</c>, <c>connection</c> or <c>VALIDATION_FAILED</c>.</param>
/// <param name="RetryAfter">When the hub asked to come back later.</param>
public sealed record Answer(AnswerKind Kind, string? TrackingId = null, bool Replayed = false, string? ErrorKind = null, bool Retryable = false, TimeSpan? RetryAfter = null);
