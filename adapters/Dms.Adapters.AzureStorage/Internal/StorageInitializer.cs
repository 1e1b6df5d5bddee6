using Azure;
using Azure.Data.Tables;
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
                await RefuseOtherLayoutAsync(stoppingToken);
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

    /// <summary>
    /// A store written with one documents table (before session 19) read as a table per shard would look empty: every
    /// dealer's idempotency keys unseen, so a resubmitted document would be taken again. Stopping the hub is the only
    /// safe answer; the message says which setting reads the store as it is.
    /// </summary>
    private async Task RefuseOtherLayoutAsync(CancellationToken cancellationToken)
    {
        if (tables.Options.DocumentTables != DocumentTableLayout.PerShard)
        {
            return;
        }

        try
        {
            await foreach (var _ in tables.SingleDocuments.QueryAsync<TableEntity>(maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken))
            {
                LogOtherLayout(logger, tables.SingleDocuments.Name);
                throw new InvalidOperationException(
                    $"The store's documents are in the one table '{tables.SingleDocuments.Name}' (the layout before session 19); set {AzureStorageOptions.Section}:DocumentTables=OneTable to read it.");
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No such table: a new store, or one written a table per shard.
        }
    }

    [LoggerMessage(EventId = 1009, Level = LogLevel.Critical, Message = "The documents are in the one table {Table} but Dms:Storage:DocumentTables is PerShard: not starting (set it to OneTable to read this store)")]
    private static partial void LogOtherLayout(ILogger logger, string table);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Storage not reachable yet ({Error}); retrying")]
    private static partial void LogNotReady(ILogger logger, string error);
}
