using Azure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>
/// Creates the tables in the background, retrying until storage answers. The hub starts even while storage is
/// down, so that it can answer 503 (and readiness can say why) instead of refusing to start.
/// </summary>
internal sealed partial class StorageInitializer(TableSet tables, Hub.Insights.Rebuild.IReadModelMaintenance readModel, ILogger<StorageInitializer> logger) : BackgroundService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ready => _ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var table in tables.All)
                {
                    await table.CreateIfNotExistsAsync(stoppingToken);
                }

                // A new store's read model is in this code's layout from its first document: recorded before anything is
                // stored (demo data, the first submissions), so the projector's start-up check does not rebuild it.
                if (await readModel.GetVersionAsync(stoppingToken) is null && !await readModel.AnyDocumentAsync(stoppingToken))
                {
                    await readModel.SetVersionAsync(Hub.Insights.Rebuild.ReadModelLayout.Version, stoppingToken);
                }

                _ready.TrySetResult();
                return;
            }
            catch (Exception ex) when (StorageErrors.IsUnavailable(ex) || ex is RequestFailedException { Status: 404 })
            {
                LogNotReady(logger, ex.GetType().Name);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
            }
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Storage not reachable yet ({Error}); retrying")]
    private static partial void LogNotReady(ILogger logger, string error);
}
