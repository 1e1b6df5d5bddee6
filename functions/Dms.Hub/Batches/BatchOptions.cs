using System.ComponentModel.DataAnnotations;

namespace Dms.Hub.Batches;

/// <summary>The batch channel (section <c>Dms:Batches</c>).</summary>
public sealed class BatchOptions
{
    public const string Section = "Dms:Batches";

    /// <summary>Largest file accepted; a larger one gets 413 before it is read whole (from Content-Length when sent).</summary>
    [Range(1024, 2L * 1024 * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Documents validated per slice (each slice is checkpointed).</summary>
    [Range(1, 100_000)]
    public int SliceDocuments { get; set; } = 2000;

    /// <summary>
    /// Documents imported per slice (each slice is checkpointed: a crash repeats at most this many rows, as replays).
    /// Standalone, the work a slice's rows cause runs with the slice (<see cref="Work.InlineWork"/>), a chunk's while the
    /// next chunk goes in, so a slice of several chunks keeps the intake and that work side by side.
    /// </summary>
    [Range(1, 100_000)]
    public int ImportSliceDocuments { get; set; } = 2000;

    /// <summary>
    /// How long an import slice waits for the previous slice's documents to be routed and delivered before it goes on
    /// anyway (a slow or unreachable OEM must not stop a file for good).
    /// </summary>
    [Range(0, 3600)]
    public int MaxDeliveryLagSeconds { get; set; } = 30;

    /// <summary>
    /// An import slice waits while at least this many work items are due (deliveries, effects, rollups of the documents
    /// made so far; counted in memory with the in-memory transport, else in the dealer's partition): the import never
    /// runs far ahead of the work it causes.
    /// </summary>
    [Range(10, 100_000)]
    public int MaxDueWork { get; set; } = 1000;

    /// <summary>
    /// An import slice waits while at least this many documents this process committed wait for the console's projector
    /// (<see cref="Insights.ChangeSignal.Backlog"/>; only when the projector runs here). Below
    /// <see cref="Insights.ChangeSignal.MaxPending"/> minus a slice, so a file's documents are never dropped from the
    /// projector's in-memory list: it projects them from what was committed, without reading or scanning, and the
    /// list's memory stays bounded whatever the file's size.
    /// </summary>
    [Range(100, 8_000)]
    public int MaxProjectorBacklog { get; set; } = 4000;

    /// <summary>
    /// Reservation claims in flight during an import; a slice goes to the intake in chunks of 16 × this many documents
    /// (each VIN's reservation is a partition of its own: the claims are point writes, many at once hide their latency).
    /// </summary>
    [Range(1, 128)]
    public int Parallelism { get; set; } = 32;

    /// <summary>Per document type, what row errors do to a file; by default RDRs keep their valid rows, periodic reports follow their kind.</summary>
    public Dictionary<string, BatchPolicy> Policies { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A batch that has not moved for this long is picked up again by the sweep (a lost work chain).</summary>
    [Range(10, 86400)]
    public int StalledSeconds { get; set; } = 300;
}
