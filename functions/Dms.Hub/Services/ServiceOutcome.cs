namespace Dms.Hub.Services;

/// <summary>How a dealer service request ended; each channel answers it its own way (REST status, SOAP outcome).</summary>
public enum ServiceOutcome
{
    /// <summary>Something new was stored (or, replayed, had been stored by the same request before).</summary>
    Created,

    /// <summary>Taken on; the work it starts goes on (confirmed orders are submitted and routed).</summary>
    Accepted,

    /// <summary>The body could not be read.</summary>
    Malformed,

    /// <summary>Readable, but it breaks the schema or a rule; see the errors.</summary>
    Invalid,

    /// <summary>It contradicts what the hub holds (a key reused with other content, a snapshot out of sequence, an expired suggestion).</summary>
    Conflict,

    /// <summary>Nothing of that name for this dealer (another dealer's looks the same).</summary>
    NotFound,
}
