using System.Text.Json.Nodes;
using Dms.Hub.Insights;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Console.Tests;

/// <summary>
/// A hub with the console, over Azurite, with the OEM played by WireMock: six demo dealers (D005 is the one in region
/// North) and a week of their history, console users of every role, and helpers to sign in and to wait for the
/// read model to catch up.
/// </summary>
public class ConsoleFixture(AzuriteFixture azurite) : IAsyncLifetime
{
    public const string ViewerKey = "test-console-viewer";
    public const string NorthKey = "test-console-north";
    public const string OperatorKey = "test-console-operator";
    public const string AdminKey = "test-console-admin";

    public OemStub Oem { get; } = new();

    public HubHost Hub { get; private set; } = null!;

    public AzuriteFixture Azurite => azurite;

    public async ValueTask InitializeAsync()
    {
        var settings = HubSettings.Defaults(azurite.ConnectionString, "c" + Guid.NewGuid().ToString("N")[..10], Oem.ClaimsUrl, Oem.RdrUrl, Oem.OrdersUrl);
        foreach (var (key, value) in Settings())
        {
            settings[key] = value;
        }

        NoBreakers(settings);
        foreach (var (key, value) in DemoReporting())
        {
            settings[key] = value;
        }

        Configure(settings);
        Hub = await HubHost.StartAsync(settings, services: ConfigureServices);
        await Eventually.GetAsync(async () => await Hub.Service<Dms.Hub.Storage.IDocumentStore>().GetKeyAsync("D001", "demo|history|v1", CancellationToken.None), k => k is not null,
            TimeSpan.FromMinutes(2), "the demo history is written");
        await CaughtUpAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Hub.DisposeAsync();
        Oem.Dispose();
        GC.SuppressFinalize(this);
    }

    public static Dictionary<string, string?> Settings() => new()
    {
        ["Dms:Demo:Enabled"] = "true",
        ["Dms:Demo:DealerCount"] = "6",
        ["Dms:Demo:SeedVehicles"] = "0",
        ["Dms:Demo:HistoryDays"] = "7",
        ["Dms:Security:AllowDemoCredentials"] = "true",
        ["Dms:Console:Users:vera:Name"] = "Vera Viewer",
        ["Dms:Console:Users:vera:Role"] = "Viewer",
        ["Dms:Console:Users:vera:DemoKey"] = ViewerKey,
        ["Dms:Console:Users:nils:Name"] = "Nils Nord",
        ["Dms:Console:Users:nils:Role"] = "RegionalManager",
        ["Dms:Console:Users:nils:Region"] = "North",
        ["Dms:Console:Users:nils:DemoKey"] = NorthKey,
        ["Dms:Console:Users:omar:Name"] = "Omar Operator",
        ["Dms:Console:Users:omar:Role"] = "Operator",
        ["Dms:Console:Users:omar:DemoKey"] = OperatorKey,
        ["Dms:Console:Users:ada:Name"] = "Ada Admin",
        ["Dms:Console:Users:ada:Role"] = "Admin",
        ["Dms:Console:Users:ada:KeyHash"] = ConsoleKeys.Hash(AdminKey),
        ["Dms:Insights:AckWithin:warranty-claim"] = "1.00:00:00",
        ["Dms:Insights:SweepSeconds"] = "2",

        // Every test signs in from 127.0.0.1, several times a minute.
        ["Dms:Console:SignInsPerMinute"] = "1000",
        ["Dms:Replay:ItemsPerSecond"] = "100",

        // Room above the destinations' four attempts, so a delivery gives up through its handler (and the document
        // shows it) rather than through the runner's poison guard after a busy-document retry.
        ["Dms:Work:Retry:MaxAttempts"] = "6",
        ["Dms:Replay:LeaseSeconds"] = "5",
    };

    /// <summary>The demo's reporting calendar (appsettings.Demo.json), so the demo's periodic reporting is seeded as in <c>./dms run</c>.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> DemoReporting()
    {
        var demo = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot.Path, "functions", "Dms.Functions", "appsettings.Demo.json")))!;
        return Flatten("Dms:Reporting", demo["Dms"]!["Reporting"]!);
    }

    private static IEnumerable<KeyValuePair<string, string?>> Flatten(string prefix, JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => Flatten($"{prefix}:{p.Key}", p.Value!)),
        JsonArray a => a.SelectMany((item, i) => Flatten($"{prefix}:{i}", item!)),
        _ => [KeyValuePair.Create(prefix, (string?)node.ToString())],
    };

    /// <summary>
    /// Tests here make the OEM fail on purpose until deliveries are dead-lettered; an open circuit would defer them
    /// instead (no attempt spent), and the breaker must not judge across tests.
    /// </summary>
    public static void NoBreakers(Dictionary<string, string?> settings)
    {
        foreach (var destination in new[] { "oem", "hq", "orders", "parts" })
        {
            settings[$"Dms:Routing:Destinations:{destination}:BreakMinimumThroughput"] = "10000";
        }
    }

    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public ConsoleClient Console() => new(Hub.BaseAddress);

    public HttpClient Api(string? key = null) => Hub.Client(key);

    /// <summary>Waits until the change feed is empty: everything committed so far is in the read model.</summary>
    public Task CaughtUpAsync() =>
        Eventually.GetAsync(() => Hub.Service<InsightsProjector>().PendingAsync(CancellationToken.None), pending => pending == 0, TimeSpan.FromSeconds(60), "the read model caught up");

    /// <summary>A dealer of its own for a test, registered through the admin API in <paramref name="region"/>.</summary>
    public Task<TestDealer> DealerAsync(string region = "East") => Hub.CreateDealerAsync(region: region);

    /// <summary>Claims whose delivery the OEM refuses with 503 until they are dead-lettered; the OEM is back afterwards.</summary>
    public async Task<List<string>> DeadLetteredClaimsAsync(TestDealer dealer, int count)
    {
        var numbers = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var number = "WC-DL-" + TestDocuments.Next();
            Oem.Script(number, r => r.WithStatusCode(503));
            var vin = TestDocuments.NewVin();
            await SubmitAsync(dealer, "retail-delivery-reports", TestDocuments.Rdr(vin, TestDocuments.Today.AddDays(-10)));
            await SubmitAsync(dealer, "warranty-claims", TestDocuments.Claim(vin, number: number));
            numbers.Add(number);
        }

        await OpenDeadLettersAsync(dealer, count);
        foreach (var number in numbers)
        {
            Oem.Unscript(number);
        }

        return numbers;
    }

    /// <summary>Waits until <paramref name="dealer"/> has at least <paramref name="count"/> open, replayable failures; returns their number.</summary>
    public async Task<int> OpenDeadLettersAsync(TestDealer dealer, int count)
    {
        var failures = Hub.Service<FailureGroups>();
        return await Eventually.GetAsync(
            async () => (await failures.ReadAsync(ViewScope.Everything, new(DealerCode: dealer.Code), new HashSet<string>(), CancellationToken.None)).Items.Count(f => f.DeadLetterId is not null),
            n => n >= count, TimeSpan.FromSeconds(60), "the claims are dead-lettered and shown as failures");
    }

    /// <summary>Submits a document as <paramref name="dealer"/>; returns its tracking ID.</summary>
    public async Task<string> SubmitAsync(TestDealer dealer, string segment, JsonObject body, string? idempotencyKey = null)
    {
        using var client = Api(dealer.ApiKey);
        using var response = await client.PostJsonAsync("/api/v1/" + segment, body, idempotencyKey);
        var json = await response.ReadJsonAsync();
        Assert.True(response.IsSuccessStatusCode, $"Submitting to {segment} failed: {(int)response.StatusCode} {json}");
        return json["trackingId"]!.GetValue<string>();
    }
}
