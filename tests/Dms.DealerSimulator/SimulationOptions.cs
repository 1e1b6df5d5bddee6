namespace Dms.DealerSimulator;

/// <summary>What to simulate; every property can be set on the command line (<c>--Documents 5000</c>).</summary>
public sealed class SimulationOptions
{
    /// <summary>The hub's base address.</summary>
    public string HubUrl { get; set; } = "http://127.0.0.1:7071";

    /// <summary>An operator key, used once to register the dealer fleet.</summary>
    public string AdminKey { get; set; } = "demo-key-ADMIN";

    public int Dealers { get; set; } = 40;

    /// <summary>The document types of the mix to send (comma-separated, in the mix's order); empty: all of them.</summary>
    public string Types { get; set; } = "";

    /// <summary>Documents to submit (duplicates resent on purpose are not counted).</summary>
    public int Documents { get; set; } = 2000;

    /// <summary>Target submissions per second; 0 means as fast as the hub accepts.</summary>
    public double Rate { get; set; }

    /// <summary>Submissions in flight at once (each worker is one dealer system's sender).</summary>
    public int Concurrency { get; set; } = 32;

    /// <summary>Share of documents that are invalid on purpose (schema or business-rule errors): they must be refused with reasons.</summary>
    public double InvalidShare { get; set; } = 0.05;

    /// <summary>Share of accepted documents sent again with the same Idempotency-Key (REST) or content (SOAP): they must be answered as replays.</summary>
    public double DuplicateShare { get; set; } = 0.05;

    /// <summary>Share of dealers that are legacy SOAP systems (WCF client, UsernameToken PasswordDigest).</summary>
    public double SoapShare { get; set; } = 0.1;

    /// <summary>How long one submission keeps being retried (same key) through connection errors, 429, 503 and 5xx.</summary>
    public int RetryWindowSeconds { get; set; } = 180;

    /// <summary>After the last submission, how long to wait for outstanding claim decisions to reach the dealers.</summary>
    public int DecisionWaitSeconds { get; set; } = 60;

    /// <summary>Print a progress line this often (0 = quiet).</summary>
    public double ProgressSeconds { get; set; } = 1;

    /// <summary>Where the fleet's webhook listener binds (the hub must reach it); port 0 picks a free one.</summary>
    public string ListenHost { get; set; } = "127.0.0.1";

    /// <summary>Write the results as JSON to this file.</summary>
    public string? Output { get; set; }
}
