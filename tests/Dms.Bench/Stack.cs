using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dms.DealerSimulator;
using Dms.Testing;

namespace Dms.Bench;

/// <summary>
/// Everything a run needs, as separate processes: Azurite in memory, the OEM simulator and the hub (on a fixed port,
/// so a SIGKILLed hub restarts where dealers and the OEM expect it).
/// </summary>
internal sealed class Stack : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private readonly int _hubPort;
    private readonly HttpClient _oem;

    private Stack(AzuriteFixture azurite, ChildProcess oemProcess, Dictionary<string, string?> settings, int hubPort)
    {
        Azurite = azurite;
        OemProcess = oemProcess;
        _settings = settings;
        _hubPort = hubPort;
        _oem = new HttpClient { BaseAddress = oemProcess.BaseAddress };
    }

    public AzuriteFixture Azurite { get; }

    public ChildProcess OemProcess { get; }

    public HubProcess Hub { get; private set; } = null!;

    public Uri HubUrl => new($"http://127.0.0.1:{_hubPort}");

    public int HubRestarts { get; private set; }

    /// <summary>
    /// Runtime settings for the hub alone, to compare them in a measurement: <c>DMS_BENCH_HUB_ENV="DOTNET_gcServer=0;…"</c>
    /// (the bench, Azurite and the OEM simulator keep theirs). Empty by default: the hub runs as shipped.
    /// </summary>
    private static Dictionary<string, string> HubEnvironment { get; } =
        (Environment.GetEnvironmentVariable("DMS_BENCH_HUB_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => v.Split('=', 2)).Where(v => v.Length == 2).ToDictionary(v => v[0], v => v[1], StringComparer.Ordinal);

    /// <param name="hub">Hub settings on top of <see cref="HubSettings.Defaults"/>.</param>
    /// <param name="oem">OEM simulator settings (section Simulator), e.g. LatencyMilliseconds.</param>
    /// <param name="azurite">The emulator to run (default: as the tests and <c>./dms run</c> run it).</param>
    public static async Task<Stack> StartAsync(IReadOnlyDictionary<string, string> hub, IReadOnlyDictionary<string, string> oem, AzuriteFixture? azurite = null)
    {
        azurite ??= new AzuriteFixture();
        await azurite.InitializeAsync();
        var hubPort = ChildProcess.FreePort();
        var oemPort = ChildProcess.FreePort();
        var oemArguments = new Dictionary<string, string>
        {
            ["Simulator:HubUrl"] = $"http://127.0.0.1:{hubPort}",
            ["Simulator:HubKey"] = HubSettings.OemKey,
            ["Simulator:InboundKey"] = "oem-inbound-secret",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in oem)
        {
            oemArguments["Simulator:" + key] = value;
        }

        var oemProcess = await ChildProcess.StartAsync("tests/Dms.OemSimulator", oemArguments.Select(a => $"--{a.Key}={a.Value}"), "/health", oemPort);
        var simulator = $"http://127.0.0.1:{oemPort}";
        var settings = HubSettings.Defaults(azurite.ConnectionString, "bench", simulator + "/warranty/claims", simulator + "/hq/retail-deliveries", simulator + "/orders", simulator + "/parts/orders");
        settings.Remove("Dms:Security:CredentialCacheSeconds");
        foreach (var (key, value) in hub)
        {
            settings[key] = value;
        }

        // A measurement that compares a hub setting: DMS_BENCH_HUB_SETTINGS="Dms:Work:RecoveryIntervalSeconds=600;…" (off by default).
        foreach (var setting in (Environment.GetEnvironmentVariable("DMS_BENCH_HUB_SETTINGS") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = setting.Split('=', 2);
            settings[parts[0]] = parts.Length == 2 ? parts[1] : "";
        }

        var stack = new Stack(azurite, oemProcess, settings, hubPort);
        stack.Hub = await HubProcess.StartAsync(settings, port: hubPort, environment: HubEnvironment);
        System.Console.WriteLine($"Stack: hub pid {stack.Hub.ProcessId}, Azurite pid {azurite.ProcessId}, OEM simulator pid {oemProcess.ProcessId}"
            + (HubEnvironment.Count == 0 ? "" : $"; hub environment {string.Join(' ', HubEnvironment.Select(v => v.Key + "=" + v.Value))}"));
        return stack;
    }

    /// <summary>SIGKILL the hub (no shutdown, no draining) and start it again on the same port.</summary>
    public async Task KillAndRestartHubAsync()
    {
        await Hub.KillAsync();
        await Hub.DisposeAsync();
        Hub = await HubProcess.StartAsync(_settings, port: _hubPort, environment: HubEnvironment);
        HubRestarts++;
    }

    /// <summary>
    /// Stops the hub and starts it again on the same port and store: from another checkout's build when
    /// <paramref name="root"/> is given, with <paramref name="overrides"/> on its settings from then on.
    /// </summary>
    public async Task RestartHubAsync(string? root, IReadOnlyDictionary<string, string> overrides)
    {
        foreach (var (key, value) in overrides)
        {
            _settings[key] = value;
        }

        await Hub.DisposeAsync();
        Hub = await HubProcess.StartAsync(_settings, port: _hubPort, environment: HubEnvironment, root: root);
    }

    public HttpClient AdminClient() => Hub.Client(HubSettings.AdminKey);

    /// <summary>A dealer simulation aimed at this stack's hub (its address and operator key filled in).</summary>
    public Simulation NewSimulation(SimulationOptions options, TextWriter output)
    {
        options.HubUrl = HubUrl.ToString();
        options.AdminKey = HubSettings.AdminKey;
        return new Simulation(options, output);
    }

    public async Task<JsonObject> RuntimeAsync()
    {
        using var admin = AdminClient();
        return await admin.GetJsonAsync("/api/v1/admin/runtime");
    }

    public async Task SetOemFaultsAsync(JsonObject faults)
    {
        using var response = await _oem.PostAsJsonAsync("/control", faults);
        response.EnsureSuccessStatusCode();
    }

    public async Task<JsonObject> OemStatsAsync() => (await _oem.GetFromJsonAsync<JsonObject>("/stats"))!;

    public async Task<JsonArray> OemEffectsAsync() => (await _oem.GetFromJsonAsync<JsonArray>("/effects"))!;

    public double AzuriteCpuSeconds()
    {
        using var process = Process.GetProcessById(Azurite.ProcessId);
        return process.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>Azurite's resident memory (it keeps every table in memory).</summary>
    public long AzuriteWorkingSetBytes()
    {
        using var process = Process.GetProcessById(Azurite.ProcessId);
        return process.WorkingSet64;
    }

    public async ValueTask DisposeAsync()
    {
        if (Hub is not null)
        {
            await Hub.DisposeAsync();
        }

        await OemProcess.DisposeAsync();
        await Azurite.DisposeAsync();
        _oem.Dispose();
    }

}
