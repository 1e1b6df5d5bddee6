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

    /// <summary>How long the projector's lease lasts; another process takes over after it lapses.</summary>
    [Range(5, 600)]
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>
    /// How long the OEM may take to answer a delivered document, by document type (e.g. <c>warranty-claim: 1.00:00:00</c>);
    /// past it the document counts as "acknowledgement overdue". Types without an entry are never overdue.
    /// </summary>
    public Dictionary<string, TimeSpan> AckWithin { get; set; } = new(StringComparer.Ordinal);
}
