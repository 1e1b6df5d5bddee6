namespace Dms.Hub.Insights;

/// <summary>
/// A document as the console sees it: where it stands, the business keys it can be found by, what it adds to the
/// counters and the open sets it belongs to. Derived from the document alone (plus its dealer's region), stored as
/// the document's listing row, and compared with the previous version to change counters and indexes by the difference.
/// </summary>
public sealed record DocumentFacts
{
    public required string TrackingId { get; init; }

    public required string DocumentType { get; init; }

    public required string DealerCode { get; init; }

    public required string Region { get; init; }

    public string? District { get; init; }

    public required string DocumentNumber { get; init; }

    public required string Status { get; init; }

    /// <summary>How the document arrived: rest, soap, batch ... (the channel of its first timeline entry).</summary>
    public required string Channel { get; init; }

    public DateTimeOffset SubmittedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The document's revision these facts were taken from (the projector never goes back to an older one).</summary>
    public int Revision { get; init; }

    public string? Vin { get; init; }

    public string? OemReference { get; init; }

    /// <summary>Where its outbound messages stand, worst first: DeadLettered, Failed, Pending, Delivered or None.</summary>
    public required string Outcome { get; init; }

    /// <summary>The stable code of the latest delivery failure (HTTP_503, TIMEOUT ...), when a delivery failed.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Delivered and not yet answered by the OEM, while the OEM still has a move to make.</summary>
    public bool AwaitingOem { get; init; }

    /// <summary>When the OEM's answer is due (configured per type), while awaiting it.</summary>
    public DateTimeOffset? AckDueAt { get; init; }

    /// <summary>The type's summary fields (model, ETA, on hold ...).</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();

    /// <summary>Business keys as <c>kind:value</c> (vin, number, oem, correlation, idempotency), values as received.</summary>
    public IReadOnlyList<string> Keys { get; init; } = [];

    public IReadOnlyList<Contribution> Contributions { get; init; } = [];

    public IReadOnlyList<OpenEntry> Open { get; init; } = [];

    /// <summary>The scopes whose counters this document counts in: everything, its region, district and dealer.</summary>
    public IEnumerable<CounterScope> Scopes()
    {
        yield return CounterScope.All;
        yield return CounterScope.ForRegion(Region);
        if (District is { Length: > 0 } district)
        {
            yield return CounterScope.ForDistrict(district);
        }

        yield return CounterScope.ForDealer(DealerCode);
    }
}
