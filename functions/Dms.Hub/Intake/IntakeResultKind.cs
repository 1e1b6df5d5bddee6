namespace Dms.Hub.Intake;

public enum IntakeResultKind
{
    /// <summary>Durably stored (or an identical replay of something that was).</summary>
    Accepted,

    /// <summary>Not JSON (or not XML): the body could not be read at all.</summary>
    Malformed,

    /// <summary>Readable but breaks the schema or business rules.</summary>
    Invalid,

    /// <summary>Same key or number as an earlier, different request.</summary>
    Conflict,

    /// <summary>The document's current state does not allow the trigger.</summary>
    IllegalTransition,

    /// <summary>No such document for this caller (another dealer's looks exactly the same).</summary>
    NotFound,

    /// <summary>The caller may not send this kind of document.</summary>
    Forbidden,
}
