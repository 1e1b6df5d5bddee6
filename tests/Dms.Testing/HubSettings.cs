using Microsoft.Extensions.Configuration;

namespace Dms.Testing;

/// <summary>
/// Configuration for a hub under test: fast retries, a small lease, a catalogue, keys known to the tests, and the demo
/// ordering policy of <c>./dms run</c> (order guide, allocations), read from appsettings.Demo.json so both stay one.
/// </summary>
public static class HubSettings
{
    public const string AdminKey = "test-admin-key-0123456789";
    public const string OemKey = "test-oem-key-0123456789";
    private static readonly string[] DemoPolicySections = ["Dms:Documents:VehicleOrder", "Dms:Documents:PartsOrder"];

    public const string MasterKey = "dGVzdC1vbmx5LW1hc3Rlci1rZXktZm9yLWRtcy10ZXN0cy0wMTIzNDU2Nzg5";

    /// <param name="ordersUrl">The OEM order system (vehicle orders); the warranty URL when not given.</param>
    /// <param name="partsUrl">The OEM parts depot system (parts orders); the warranty URL when not given.</param>
    public static Dictionary<string, string?> Defaults(string connectionString, string tablePrefix, string oemUrl, string hqUrl, string? ordersUrl = null, string? partsUrl = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Dms:Storage:ConnectionString"] = connectionString,
            ["Dms:Storage:TablePrefix"] = tablePrefix,
            ["Dms:Storage:ShardCount"] = "4",
            ["Dms:Storage:TimeoutSeconds"] = "5",
            ["Dms:Security:MasterKey"] = MasterKey,
            ["Dms:Security:BootstrapAdminKey"] = AdminKey,
            ["Dms:Security:BootstrapOemKey"] = OemKey,
            ["Dms:Security:CredentialCacheSeconds"] = "0",
            ["Dms:RateLimit:Enabled"] = "false",
            ["Dms:Work:Concurrency"] = "8",
            ["Dms:Work:LeaseSeconds"] = "5",
            ["Dms:Work:RecoveryIntervalSeconds"] = "1",
            ["Dms:Work:Retry:MaxAttempts"] = "4",
            ["Dms:Work:Retry:BaseDelayMilliseconds"] = "50",
            ["Dms:Work:Retry:MaxDelaySeconds"] = "1",
            ["Dms:Notifications:Retry:MaxAttempts"] = "4",
            ["Dms:Notifications:Retry:BaseDelayMilliseconds"] = "50",
            ["Dms:Notifications:Retry:MaxDelaySeconds"] = "1",
            ["Dms:Notifications:Webhook:TimeoutSeconds"] = "2",
            ["Dms:Routing:Routes:0:DocumentType"] = "warranty-claim",
            ["Dms:Routing:Routes:0:Destinations:0"] = "oem",
            ["Dms:Routing:Routes:1:DocumentType"] = "retail-delivery-report",
            ["Dms:Routing:Routes:1:Destinations:0"] = "hq",
            ["Dms:Routing:Routes:2:DocumentType"] = "vehicle-order",
            ["Dms:Routing:Routes:2:Destinations:0"] = "orders",
            ["Dms:Routing:Routes:3:DocumentType"] = "parts-order",
            ["Dms:Routing:Routes:3:Destinations:0"] = "parts",
            ["Dms:Routing:Routes:4:DocumentType"] = "daily-sales-summary",
            ["Dms:Routing:Routes:4:Destinations:0"] = "hq",
            ["Dms:Routing:Routes:5:DocumentType"] = "monthly-stock-report",
            ["Dms:Routing:Routes:5:Destinations:0"] = "hq",
            ["Dms:Routing:Routes:6:DocumentType"] = "monthly-financial-statement",
            ["Dms:Routing:Routes:6:Destinations:0"] = "hq",
            ["Dms:Documents:WarrantyClaim:LaborOperations:EN1001"] = "1.5",
            ["Dms:Documents:WarrantyClaim:LaborOperations:EN1002"] = "0.3",
            ["Dms:Documents:WarrantyClaim:LaborOperations:BR0100"] = "0.8",
            ["Dms:Documents:WarrantyClaim:MaxLaborRates:USD"] = "20000",
            ["Dms:Documents:WarrantyClaim:PreAuthorizationThreshold"] = "250000",
            ["Logging:LogLevel:Default"] = Environment.GetEnvironmentVariable("DMS_TEST_LOGS") is null ? "None" : "Information",
        };
        AddDestination(settings, "oem", oemUrl);
        AddDestination(settings, "hq", hqUrl);
        AddDestination(settings, "orders", ordersUrl ?? oemUrl);
        AddDestination(settings, "parts", partsUrl ?? oemUrl);
        foreach (var (key, value) in DemoOrderingPolicy())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>
    /// The demo ordering policies as flat settings: the order guide, allocations and alert thresholds
    /// (<c>Dms:Documents:VehicleOrder</c>) and the part master, windows and suggestion parameters (<c>Dms:Documents:PartsOrder</c>).
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string?>> DemoOrderingPolicy()
    {
        var demo = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.Demo.json")).Build();
        return DemoPolicySections.SelectMany(section => demo.GetSection(section).AsEnumerable()).Where(e => e.Value is not null);
    }

    private static void AddDestination(Dictionary<string, string?> settings, string name, string url)
    {
        var prefix = $"Dms:Routing:Destinations:{name}:";
        settings[prefix + "Adapter"] = "rest";
        settings[prefix + "Url"] = url;
        settings[prefix + "AuthHeader"] = "X-Api-Key";
        settings[prefix + "AuthValue"] = "oem-inbound-secret";
        settings[prefix + "TimeoutSeconds"] = "2";
        settings[prefix + "Retry:MaxAttempts"] = "4";
        settings[prefix + "Retry:BaseDelayMilliseconds"] = "50";
        settings[prefix + "Retry:MaxDelaySeconds"] = "1";
    }
}
