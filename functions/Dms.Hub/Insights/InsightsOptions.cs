using System.ComponentModel.DataAnnotations;

namespace Dms.Hub.Insights;

/// <summary>The console's read model: how the projector runs and what counts as late (section <c>Dms:Insights</c>).</summary>
public sealed class InsightsOptions
{
    public const string Section = "Dms:Insights";

    /// <summary>Whether this process projects changed documents into the read model (the local loop; in Azure the timer function).</summary>
    public bool RunProjector { get; set; } = true;

    /// <summary>Changed documents projected per cycle at most.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// How often every shard's change feed is scanned for changes this process was not told about (other instances,
    /// a restart). Changes committed by this process are projected at once without a scan.
    /// </summary>
    [Range(1, 3600)]
    public int SweepSeconds { get; set; } = 15;

    /// <summary>
    /// How long a changed document must stay unchanged before it is projected: a document's burst of changes (intake,
    /// delivery, the OEM's answers) becomes one projection, and documents changed together share its batches. The
    /// console lags by about this much after a burst ends.
    /// </summary>
    [Range(0, 10_000)]
    public int CoalesceMilliseconds { get; set; } = 1000;

    /// <summary>
    /// The longest a changed document waits for its burst to end (a document that keeps changing is still projected
    /// this often). The console lags by at most about this much.
    /// </summary>
    [Range(0, 60_000)]
    public int MaxDelayMilliseconds { get; set; } = 10_000;

    /// <summary>
    /// How often at most the counter rows pages read by range (the dealers' health rows and gauges, the failure tally,
    /// each scope's hours, days and weeks) are copied to the tables those pages read (the storage adapter's copies of
    /// them; 0: after every count). Between writes the projector keeps the counted values in memory; before the
    /// counters' "as of" time moves they are written, so the copies hold everything counted up to that time and lag the
    /// counters by at most this much while they keep counting.
    /// </summary>
    [Range(0, 3600)]
    public int DealerCopySeconds { get; set; } = 5;

    /// <summary>How long the projector's lease lasts; another process takes over after it lapses.</summary>
    [Range(5, 600)]
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>
    /// How far apart instances' clocks may be: a document submitted this long after the projector took its lease is
    /// known never to have been listed by anyone else (see <see cref="ListedFacts"/>).
    /// </summary>
    [Range(0, 3600)]
    public int ClockSkewSeconds { get; set; } = 60;

    /// <summary>
    /// How long the OEM may take to answer a delivered document, by document type (e.g. <c>warranty-claim: 1.00:00:00</c>);
    /// past it the document counts as "acknowledgement overdue". Types without an entry are never overdue.
    /// </summary>
    public Dictionary<string, TimeSpan> AckWithin { get; set; } = new(StringComparer.Ordinal);
}
