namespace Dms.Bench;

/// <summary>Hub and OEM settings of benchmark and chaos runs (on top of the test defaults: test keys, Azurite).</summary>
internal static class Profiles
{
    /// <summary>Calls the hub keeps in flight to one destination (the OEM simulator plays two).</summary>
    public const int DestinationMaxConcurrency = 16;

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
            ["Dms:Work:Retry:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Dms:Notifications:Retry:MaxAttempts"] = "8",
            ["Dms:Notifications:Retry:BaseDelayMilliseconds"] = "200",
            ["Dms:Notifications:Retry:MaxDelaySeconds"] = "5",
            ["Dms:Notifications:Webhook:TimeoutSeconds"] = "5",
        };
        foreach (var destination in new[] { "oem", "hq" })
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

    /// <summary>The OEM answers in 5 ms and decides claims within a fraction of a second; faults as given.</summary>
    public static Dictionary<string, string> Oem(params (string Key, string Value)[] faults)
    {
        var settings = new Dictionary<string, string>
        {
            ["LatencyMilliseconds"] = "5",
            ["DecisionDelayMinMilliseconds"] = "100",
            ["DecisionDelayMaxMilliseconds"] = "300",
            ["Faults:HangMilliseconds"] = "5000",
        };
        foreach (var (key, value) in faults)
        {
            settings["Faults:" + key] = value;
        }

        return settings;
    }
}
