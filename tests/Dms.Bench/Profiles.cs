namespace Dms.Bench;

/// <summary>Hub and OEM settings of benchmark and chaos runs (on top of the test defaults: test keys, Azurite).</summary>
internal static class Profiles
{
    /// <summary>Calls the hub keeps in flight to one destination (the OEM simulator plays all four).</summary>
    public const int DestinationMaxConcurrency = 16;

    /// <summary>
    /// How far apart the hub assumes instances' clocks may be (<c>Dms:Insights:ClockSkewSeconds</c>, the hub's default):
    /// for that long after it takes its lease a new projector reads each document's listing row, so the measured phases
    /// start after it (<see cref="StartUpWindow"/>).
    /// </summary>
    public const int ProjectorClockSkewSeconds = 60;

    /// <summary>The hub's start-up window: the projector's clock-skew trust window, plus a margin for start-up and taking the lease.</summary>
    public static TimeSpan StartUpWindow(IReadOnlyDictionary<string, string> hub) =>
        TimeSpan.FromSeconds(int.Parse(hub["Dms:Insights:ClockSkewSeconds"], System.Globalization.CultureInfo.InvariantCulture) + StartUpMarginSeconds);

    private const int StartUpMarginSeconds = 5;

    /// <summary>The destinations the simulator plays: warranty, HQ (RDRs), the order system and the parts depot.</summary>
    public static readonly string[] Destinations = ["oem", "hq", "orders", "parts"];

    /// <summary>Production-like work settings: default shards and credential cache, rate limits on, 2 s attempt timeout, patient retries.</summary>
    /// <param name="breakFailureRatio">Failure ratio that opens a destination's circuit (the hub's default is 0.5).</param>
    public static Dictionary<string, string> Hub(int maxAttempts = 12, int maxDelaySeconds = 10, double breakFailureRatio = 0.5)
    {
        var settings = new Dictionary<string, string>
        {
            ["Dms:Storage:ShardCount"] = "16",
            ["Dms:RateLimit:Enabled"] = "true",
            ["Dms:Work:Concurrency"] = "32",
            ["Dms:Work:LeaseSeconds"] = "30",
            ["Dms:Work:RecoveryIntervalSeconds"] = "30",
            ["Dms:Insights:ClockSkewSeconds"] = ProjectorClockSkewSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Dms:Work:Retry:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Dms:Notifications:Retry:MaxAttempts"] = "8",
            ["Dms:Notifications:Retry:BaseDelayMilliseconds"] = "200",
            ["Dms:Notifications:Retry:MaxDelaySeconds"] = "5",
            ["Dms:Notifications:Webhook:TimeoutSeconds"] = "5",

            // The hub's own storage timeout (10 s), not the tests' 5 s: at 32 senders Azurite answered some calls after
            // more than 5 s, and the SDK sent each such call again — 7 to 814 resends in the warm-up and preload of one
            // latency run (perf12, StorageRetryLog), each one more round trip counted towards its step.
            ["Dms:Storage:TimeoutSeconds"] = "10",

            // Every simulated dealer orders about a tenth of its documents as vehicles of this month's allocation; a
            // benchmark measures the pool's cost, not its refusals (the demo's 8 units would be gone in seconds).
            ["Dms:Documents:VehicleOrder:Allocation:UnitsPerPeriod:AUR-SUV"] = "2000",
            ["Dms:Documents:VehicleOrder:Allocation:UnitsPerPeriod:BOR-SED"] = "2000",
        };
        foreach (var destination in Destinations)
        {
            var prefix = $"Dms:Routing:Destinations:{destination}:";
            settings[prefix + "TimeoutSeconds"] = "2";
            settings[prefix + "MaxConcurrency"] = DestinationMaxConcurrency.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[prefix + "BreakFailureRatio"] = breakFailureRatio.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[prefix + "Retry:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[prefix + "Retry:BaseDelayMilliseconds"] = "500";
            settings[prefix + "Retry:MaxDelaySeconds"] = maxDelaySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return settings;
    }

    /// <summary>
    /// The OEM answers in 5 ms, decides claims within a fraction of a second, takes an order through its dozen stages
    /// in a few seconds and a parts order through acknowledgement, shipments and tag-on as fast; faults as given.
    /// </summary>
    public static Dictionary<string, string> Oem(params (string Key, string Value)[] faults)
    {
        var settings = new Dictionary<string, string>
        {
            ["LatencyMilliseconds"] = "5",
            ["DecisionDelayMinMilliseconds"] = "100",
            ["DecisionDelayMaxMilliseconds"] = "300",
            ["OrderStepMilliseconds"] = "300",
            ["Depot:StepMilliseconds"] = "300",
            ["Depot:BackorderFillSeconds"] = "1",
            ["Faults:HangMilliseconds"] = "5000",
        };
        foreach (var (key, value) in faults)
        {
            settings["Faults:" + key] = value;
        }

        return settings;
    }
}
