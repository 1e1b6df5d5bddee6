using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Dms.OemSimulator;

/// <summary>
/// Posts events back to the hub after a delay, retrying each until the hub takes it (the hub dedupes by key). The
/// events of one document go out in order, each only after the previous one was taken, as a real back end's outbox does.
/// </summary>
internal sealed partial class DecisionPoster(IHttpClientFactory clients, IOptions<SimulatorOptions> options, ILogger<DecisionPoster> logger) : BackgroundService
{
    private readonly Channel<(string Path, OemEvent[] Events, CancellationToken Stop)> _queue = Channel.CreateUnbounded<(string, OemEvent[], CancellationToken)>();

    /// <summary>Posts <paramref name="events"/> to <paramref name="path"/> one after another, each <see cref="OemEvent.After"/> the previous.</summary>
    public void Schedule(string path, params OemEvent[] events) => Schedule(path, CancellationToken.None, events);

    /// <summary>As <see cref="Schedule(string, OemEvent[])"/>; the rest of the chain is dropped once <paramref name="stop"/> fires.</summary>
    public void Schedule(string path, CancellationToken stop, params OemEvent[] events) => _queue.Writer.TryWrite((path, events, stop));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (path, events, stop) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            _ = Task.Run(async () =>
            {
                foreach (var oemEvent in events)
                {
                    await Task.Delay(oemEvent.After, stoppingToken);
                    if (stop.IsCancellationRequested)
                    {
                        return;
                    }

                    await PostAsync(path, oemEvent, stoppingToken);
                }
            }, stoppingToken);
        }
    }

    private async Task PostAsync(string path, OemEvent oemEvent, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient("hub");
        var eventType = oemEvent.Body["type"]?.GetValue<string>() ?? "?";
        for (var attempt = 1; attempt <= 30 && !cancellationToken.IsCancellationRequested; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, options.Value.HubUrl.TrimEnd('/') + path) { Content = JsonContent.Create(oemEvent.Body) };
                request.Headers.Add("X-Api-Key", options.Value.HubKey);
                request.Headers.Add("Idempotency-Key", oemEvent.Key);
                using var response = await client.SendAsync(request, cancellationToken);
                if ((int)response.StatusCode < 500 && (int)response.StatusCode != 429)
                {
                    LogPosted(logger, eventType, path, (int)response.StatusCode);
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // The hub is restarting or unreachable: keep trying, like a real back end's outbox.
            }

            await Task.Delay(TimeSpan.FromSeconds(Math.Min(10, attempt)), cancellationToken);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Posted {EventType} to {Path}: {Status}")]
    private static partial void LogPosted(ILogger logger, string eventType, string path, int status);
}

/// <summary>One event for the hub, sent <paramref name="After"/> the previous one of the same document.</summary>
internal sealed record OemEvent(TimeSpan After, string Key, JsonObject Body);
