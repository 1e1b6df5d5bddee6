namespace Dms.Testing;

/// <summary>
/// The hub as a separate process (the built Dms.Functions.dll), so a test can SIGKILL it mid-flow, or start it the
/// way the Azure Functions host starts a custom handler.
/// </summary>
public sealed class HubProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private HubProcess(ChildProcess process) => _process = process;

    public Uri BaseAddress => _process.BaseAddress;

    public int ProcessId => _process.ProcessId;

    /// <param name="port">A fixed port, so a restarted hub is found where the previous one was.</param>
    /// <param name="environment">Extra environment variables for the hub alone (e.g. runtime settings a measurement compares).</param>
    /// <param name="root">Another checkout whose build to run (a measurement comparing two versions over one seeded store).</param>
    public static async Task<HubProcess> StartAsync(IDictionary<string, string?> settings, bool asCustomHandler = false, int? port = null,
        IReadOnlyDictionary<string, string>? environment = null, string? root = null)
    {
        port ??= ChildProcess.FreePort();
        var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (asCustomHandler)
        {
            // As the Functions host starts it: FUNCTIONS_CUSTOMHANDLER_PORT names the port to listen on.
            variables["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var process = await ChildProcess.StartAsync("functions/Dms.Functions", settings.Select(s => $"--{s.Key}={s.Value}"), "/health/live", port, variables, root);
        var hub = new HubProcess(process);
        await Readiness.WaitAsync(hub.Client);
        return hub;
    }

    public HttpClient Client(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    public async Task<TestDealer> CreateDealerAsync(string channel = "mailbox", string? callbackUrl = null)
    {
        using var admin = Client(HubSettings.AdminKey);
        return await TestDealer.RegisterAsync(admin, channel: channel, callbackUrl: callbackUrl);
    }

    /// <summary>Registers an HQ user (region null) or a regional manager through the admin API and returns its key.</summary>
    public async Task<string> CreateHqUserAsync(string? region = null)
    {
        using var admin = Client(HubSettings.AdminKey);
        return await TestHqUser.RegisterAsync(admin, region);
    }

    public Task KillAsync() => _process.KillAsync();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
