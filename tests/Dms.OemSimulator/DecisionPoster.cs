using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Dms.OemSimulator;

/// <summary>Posts events back to the hub after a delay, retrying until the hub takes them (the hub dedupes by key).</summary>
internal sealed partial class DecisionPoster(IHttpClientFactory clients, IOptions<SimulatorOptions> options, ILogger<DecisionPoster> logger) : BackgroundService
{
    private readonly Channel<(DateTimeOffset Due, string Path, string Key, JsonObject Body)> _queue = Channel.CreateUnbounded<(DateTimeOffset, string, string, JsonObject)>();

    public void Schedule(TimeSpan delay, string path, string idempotencyKey, JsonObject body) =>
        _queue.Writer.TryWrite((DateTimeOffset.UtcNow + delay, path, idempotencyKey, body));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var item in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            _ = Task.Run(() => PostAsync(item.Due, item.Path, item.Key, item.Body, stoppingToken), stoppingToken);
        }
    }

    private async Task PostAsync(DateTimeOffset due, string path, string key, JsonObject body, CancellationToken cancellationToken)
    {
        var wait = due - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }

        var client = clients.CreateClient("hub");
        var eventType = body["type"]?.GetValue<string>() ?? "?";
        for (var attempt = 1; attempt <= 30 && !cancellationToken.IsCancellationRequested; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, options.Value.HubUrl.TrimEnd('/') + path) { Content = JsonContent.Create(body) };
                request.Headers.Add("X-Api-Key", options.Value.HubKey);
                request.Headers.Add("Idempotency-Key", key);
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
