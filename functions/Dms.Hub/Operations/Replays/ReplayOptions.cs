using System.ComponentModel.DataAnnotations;

namespace Dms.Hub.Operations.Replays;

/// <summary>Bulk replays (section <c>Dms:Replay</c>).</summary>
public sealed class ReplayOptions
{
    public const string Section = "Dms:Replay";

    /// <summary>The most dead letters one job may select.</summary>
    [Range(1, 1_000_000)]
    public int MaxItems { get; set; } = 100_000;

    /// <summary>Items settled between two saves of progress (and two checks for a cancel request).</summary>
    [Range(1, 100)]
    public int ChunkSize { get; set; } = 20;

    /// <summary>Replays per second at most, so a bulk replay does not flood the OEM it is retrying against.</summary>
    [Range(1, 10_000)]
    public int ItemsPerSecond { get; set; } = 50;

    /// <summary>How long a runner holds a job; another process resumes it after the lease lapses (a crash).</summary>
    [Range(5, 600)]
    public int LeaseSeconds { get; set; } = 30;
}
