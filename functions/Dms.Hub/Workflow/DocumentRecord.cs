using System.Text.Json.Nodes;

namespace Dms.Hub.Workflow;

/// <summary>A stored document: its canonical body, lifecycle status, OEM data, deliveries and full timeline.</summary>
/// <remarks>Loaded, changed and committed as a whole under the storage ETag, so concurrent changes never lose an update.</remarks>
public sealed class DocumentRecord
{
    public required string TrackingId { get; init; }

    public required string DocumentType { get; init; }

    public required string DealerCode { get; init; }

    public required string DocumentNumber { get; init; }

    public required string Status { get; set; }

    /// <summary>Increases with every timeline entry; the last entry's sequence.</summary>
    public int Revision { get; set; }

    /// <summary>1 for the original submission, +1 per resubmission.</summary>
    public int ContentVersion { get; set; } = 1;

    public DateTimeOffset SubmittedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? OemReference { get; set; }

    public required JsonObject Body { get; set; }

    /// <summary>What the OEM sent back over time: decision, lines, payment, chargeback, notes.</summary>
    public JsonObject Oem { get; set; } = [];

    public List<TimelineEntry> Timeline { get; init; } = [];

    public List<DeliveryRecord> Deliveries { get; init; } = [];

    /// <summary>Conditions orthogonal to the status (a hold), by name; each is set and released on its own.</summary>
    public Dictionary<string, Overlay> Overlays { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The type's summary fields (model, ETA, on hold ...), recomputed on every commit and stored with the row for filtering.</summary>
    public Dictionary<string, string> Fields { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The allocation units this document holds, by pool scope: the unit's row and the ETag it was taken with, so it is
    /// given back by one delete under that ETag instead of listing the pool (absent on documents stored before).
    /// </summary>
    public Dictionary<string, HeldUnit> Units { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The due time of each durable alert timer this document has set, by alert rule code.</summary>
    public Dictionary<string, DateTimeOffset> Timers { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Concurrency token of the stored version this instance was read from; null before the first commit.</summary>
    public string? ETag { get; set; }

    public DeliveryRecord? FindDelivery(string id) => Deliveries.Find(d => d.Id == id);
}

/// <summary>A pool unit a document holds: its row key and the ETag it was added (or taken over) with.</summary>
public sealed record HeldUnit(string Key, string ETag);
