namespace Dms.OemSimulator;

/// <summary>Simulator settings (section <c>Simulator</c>), all overridable on the command line; faults also at run time (POST /control).</summary>
public sealed class SimulatorOptions
{
    public const string Section = "Simulator";

    /// <summary>The hub to post decisions to.</summary>
    public string HubUrl { get; set; } = "http://127.0.0.1:7071";

    /// <summary>The OEM's key at the hub.</summary>
    public string HubKey { get; set; } = "demo-key-OEM";

    /// <summary>The key the hub must present when delivering to us.</summary>
    public string InboundKey { get; set; } = "demo-oem-inbound-key";

    /// <summary>Added to every answer, like a real back end's processing time.</summary>
    public int LatencyMilliseconds { get; set; } = 5;

    /// <summary>Post decisions back at all (benchmarks of intake alone turn this off).</summary>
    public bool PostDecisions { get; set; } = true;

    public int DecisionDelayMinMilliseconds { get; set; } = 1500;

    public int DecisionDelayMaxMilliseconds { get; set; } = 4000;

    /// <summary>Average time between two events of a vehicle order (the demo speed): about a dozen steps from order to dealer.</summary>
    public int OrderStepMilliseconds { get; set; } = 2500;

    /// <summary>Initial fault settings; see <see cref="Faults"/>.</summary>
    public Faults Faults { get; set; } = new();
}

/// <summary>Injected faults, changeable while running through <c>POST /control</c>.</summary>
public sealed record Faults
{
    /// <summary>Share (0–1) of calls that fail before anything is applied: 500, 503 with Retry-After, or a hang past the caller's timeout, in equal parts.</summary>
    public double FailureRate { get; init; }

    /// <summary>Share (0–1) of calls that are applied and then answered 500 or cut off (connection dropped), in equal parts.</summary>
    public double CommitThenFailRate { get; init; }

    /// <summary>The whole back end is down: every call's connection is dropped without an answer.</summary>
    public bool Down { get; init; }

    /// <summary>How long a "timeout" failure hangs before answering 504 (longer than the hub's attempt timeout).</summary>
    public int HangMilliseconds { get; init; } = 15_000;

    /// <summary>Retry-After (seconds) sent with injected 503s.</summary>
    public int RetryAfterSeconds { get; init; } = 1;
}
