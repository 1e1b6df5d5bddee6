namespace Dms.Testing;

/// <summary>The hub as a separate process (the built Dms.Functions.dll), so a test can SIGKILL it mid-flow.</summary>
public sealed class HubProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private HubProcess(ChildProcess process) => _process = process;

    public Uri BaseAddress => _process.BaseAddress;

    public static async Task<HubProcess> StartAsync(IDictionary<string, string?> settings)
    {
        var process = await ChildProcess.StartAsync("functions/Dms.Functions", settings.Select(s => $"--{s.Key}={s.Value}"), "/health/live");
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

    public Task KillAsync() => _process.KillAsync();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
