using System.ComponentModel.DataAnnotations;

namespace Dms.Hub.Work;

/// <summary>How work items run (section <c>Dms:Work</c>).</summary>
public sealed class WorkOptions
{
    public const string Section = "Dms:Work";

    /// <summary>
    /// What carries work messages: <c>embedded</c> (in memory, standalone), <c>service-bus</c> (production) or
    /// <c>storage-queue</c>. A Functions host needs a durable one.
    /// </summary>
    [Required]
    public string Transport { get; set; } = EmbeddedWorkTransport.TransportName;

    /// <summary>Run the receive loops, the recovery sweep and the scheduled jobs in-process. Off when a Functions host drives them.</summary>
    public bool RunLocalLoop { get; set; } = true;

    /// <summary>Work items of each kind handled at once by the local loop.</summary>
    [Range(1, 512)]
    public int Concurrency { get; set; } = 32;

    /// <summary>
    /// How long a runner owns an item; at least twice the slowest attempt so attempts never overlap (work claimed at
    /// birth may start with half its lease left).
    /// </summary>
    [Range(5, 3600)]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>
    /// On the standalone host, a finished item whose step changes nothing else (a push delivered, an effect applied)
    /// is deleted this many milliseconds later together with the others of its dealer's partition finished meanwhile:
    /// one batch for many. 0 deletes each at once, as a Functions host always does (its instance may be frozen once
    /// an invocation returns). A crash in between runs those items again, as a crash before any commit would.
    /// </summary>
    [Range(0, 5000)]
    public int CompletionGroupMilliseconds { get; set; } = 500;

    /// <summary>How often pending work is scanned for items whose message went missing (standalone; a timer in Azure).</summary>
    [Range(1, 3600)]
    public int RecoveryIntervalSeconds { get; set; } = 30;

    /// <summary>
    /// With a durable transport, how long an item may stay ready without being run before the sweep sends it again.
    /// Longer than a normal queue wait; a re-send within Service Bus's duplicate-detection window is dropped anyway.
    /// </summary>
    [Range(1, 86400)]
    public int RecoveryGraceSeconds { get; set; } = 300;

    /// <summary>How often the scheduled jobs (housekeeping) run standalone; a timer function runs them in Azure.</summary>
    [Range(1, 86400)]
    public int ScheduledJobsIntervalSeconds { get; set; } = 300;

    /// <summary>Retries for failures a handler did not classify (exceptions): a poison item is dead-lettered after these.</summary>
    [Required]
    public RetryPolicyOptions Retry { get; set; } = new() { MaxAttempts = 10, BaseDelayMilliseconds = 1000, MaxDelaySeconds = 120 };
}
