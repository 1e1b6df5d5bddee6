using System.ComponentModel.DataAnnotations;

namespace Dms.Hub.Work;

/// <summary>How work items run (section <c>Dms:Work</c>).</summary>
public sealed class WorkOptions
{
    public const string Section = "Dms:Work";

    /// <summary>Run the in-process work loop and recovery sweep (standalone). Off when a Functions host drives the handlers.</summary>
    public bool RunLocalLoop { get; set; } = true;

    /// <summary>Work items handled at once by the local loop.</summary>
    [Range(1, 512)]
    public int Concurrency { get; set; } = 32;

    /// <summary>How long a runner owns an item; must exceed the slowest attempt so attempts never overlap.</summary>
    [Range(5, 3600)]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>How often pending work is scanned for items whose runner died (leases that lapsed).</summary>
    [Range(1, 3600)]
    public int RecoveryIntervalSeconds { get; set; } = 30;

    /// <summary>Retries for failures a handler did not classify (exceptions): a poison item is dead-lettered after these.</summary>
    [Required]
    public RetryPolicyOptions Retry { get; set; } = new() { MaxAttempts = 10, BaseDelayMilliseconds = 1000, MaxDelaySeconds = 120 };
}
