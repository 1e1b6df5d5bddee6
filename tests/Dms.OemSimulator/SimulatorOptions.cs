namespace Dms.OemSimulator;

/// <summary>Simulator settings (section <c>Simulator</c>), all overridable on the command line.</summary>
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
}
