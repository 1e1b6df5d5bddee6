using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Dms.Adapters.AzureStorage.Internal;
using Dms.Adapters.AzureStorage.Internal.Insights;
using Dms.Adapters.AzureStorage.Internal.Operations;
using Dms.Hub.Alerts;
using Dms.Hub.Batches;
using Dms.Hub.Dealers;
using Dms.Hub.Insights;
using Dms.Hub.Operations;
using Dms.Hub.Operations.Alerts;
using Dms.Hub.Operations.Replays;
using Dms.Hub.PartsOrders.Inventory;
using Dms.Hub.Reporting;
using Dms.Hub.Sales;
using Dms.Hub.Storage;
using Dms.Hub.Work;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dms.Adapters.AzureStorage;

public static class AzureStorageServiceCollectionExtensions
{
    /// <summary>
    /// Uses Azure Table Storage as the system of record: documents, work, reservations, alerts, dealers and credentials.
    /// Azurite by connection string locally; the managed identity and <c>TableServiceUri</c> in Azure.
    /// </summary>
    public static IServiceCollection AddAzureStorageAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AzureStorageOptions>().Bind(configuration.GetSection(AzureStorageOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString) || o.TableServiceUri is not null, "Set Dms:Storage:ConnectionString or Dms:Storage:TableServiceUri.")
            .ValidateOnStart();
        services.TryAddSingleton<StorageTraffic>();
        services.AddSingleton(sp => new BackgroundGatePolicy(sp.GetRequiredService<IOptions<AzureStorageOptions>>().Value.BackgroundConcurrency));
        services.AddSingleton(sp => CreateClient(sp, sp.GetRequiredService<IOptions<AzureStorageOptions>>().Value));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AzureStorageOptions>>().Value;
            var scans = CreateClient(sp, options, Math.Max(options.TimeoutSeconds, options.ScanTimeoutSeconds));
            return new TableSet(sp.GetRequiredService<TableServiceClient>(), options, scans);
        });
        services.AddSingleton<TableDocumentStore>();
        services.AddSingleton<IDocumentStore>(sp => sp.GetRequiredService<TableDocumentStore>());
        services.AddSingleton<IBulkCommitStore, TableBulkCommitStore>();
        services.AddSingleton<IWorkStore, TableWorkStore>();
        services.AddSingleton<IReservationStore, TableReservationStore>();
        services.AddSingleton<IAlertStore, TableAlertStore>();
        services.AddSingleton<IChangeFeed, TableChangeFeed>();
        services.AddSingleton<IListingStore, TableListingStore>();
        services.AddSingleton<ISearchIndex, TableSearchIndex>();
        services.AddSingleton<IInsightsBulkLoader, TableInsightsBulkLoader>();
        services.AddSingleton<Hub.Insights.Rebuild.IReadModelMaintenance, TableReadModelMaintenance>();
        services.AddSingleton<IOpenSetStore, TableOpenSetStore>();
        services.AddSingleton<CounterMirror>();
        services.AddSingleton<ICounterStore, TableCounterStore>();
        services.AddSingleton<IAuditLog, TableAuditLog>();
        services.AddSingleton<IAnnotationStore, TableAnnotationStore>();
        services.AddSingleton<IReplayJobStore, TableReplayJobStore>();
        services.AddSingleton<ITechnicalAlertStore, TableTechnicalAlertStore>();
        services.AddSingleton<IPartsInventoryStore, TableInventoryStore>();
        services.AddSingleton<TableDealerStore>();
        services.AddSingleton<IDealerStore>(sp => sp.GetRequiredService<TableDealerStore>());
        services.AddSingleton<ICredentialStore>(sp => sp.GetRequiredService<TableDealerStore>());
        services.AddSingleton<ISoapCredentialStore>(sp => sp.GetRequiredService<TableDealerStore>());
        services.AddSingleton<INonceStore, TableNonceStore>();
        services.AddSingleton<IHqUserStore, TableHqUserStore>();
        services.AddSingleton<ISalesRollupStore, TableSalesRollupStore>();
        services.AddSingleton<IReportSlotStore, TableReportSlotStore>();
        services.AddSingleton<IBatchStore, TableBatchStore>();
        services.AddSingleton<IDocumentBulkLoader, TableDocumentBulkLoader>();
        services.AddSingleton(sp => CreateBlobClient(sp.GetRequiredService<IOptions<AzureStorageOptions>>().Value, sp.GetRequiredService<StorageTraffic>()));
        services.AddSingleton<IBatchFileStore>(sp => new BlobBatchFileStore(sp.GetRequiredService<BlobServiceClient>(), sp.GetRequiredService<IOptions<AzureStorageOptions>>().Value));
        services.AddSingleton<StorageInitializer>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<StorageInitializer>());
        services.AddSingleton<IHealthProbe, TableHealthProbe>();
        services.AddSingleton(sp => CreateQueueClient(sp.GetRequiredService<IOptions<AzureStorageOptions>>().Value, sp.GetRequiredService<StorageTraffic>()));
        services.AddKeyedSingleton<IWorkTransport, StorageQueueWorkTransport>(StorageQueueWorkTransport.TransportName);
        return services;
    }

    private static QueueServiceClient CreateQueueClient(AzureStorageOptions options, StorageTraffic traffic)
    {
        var clientOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        clientOptions.AddPolicy(new StorageTrafficPolicy(traffic, "queue"), HttpPipelinePosition.PerRetry);
        clientOptions.Retry.MaxRetries = 2;
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new QueueServiceClient(options.ConnectionString, clientOptions);
        }

        return new QueueServiceClient(
            options.QueueServiceUri ?? throw new OptionsValidationException(AzureStorageOptions.Section, typeof(AzureStorageOptions), ["The storage-queue transport needs Dms:Storage:QueueServiceUri."]),
            new DefaultAzureCredential(), clientOptions);
    }

    private static BlobServiceClient CreateBlobClient(AzureStorageOptions options, StorageTraffic traffic)
    {
        var clientOptions = new BlobClientOptions();
        clientOptions.AddPolicy(new StorageTrafficPolicy(traffic, "blob"), HttpPipelinePosition.PerRetry);
        clientOptions.Retry.MaxRetries = 2;
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(Math.Max(options.TimeoutSeconds, 30));
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new BlobServiceClient(options.ConnectionString, clientOptions);
        }

        return new BlobServiceClient(
            options.BlobServiceUri ?? throw new OptionsValidationException(AzureStorageOptions.Section, typeof(AzureStorageOptions), ["Batch files need Dms:Storage:BlobServiceUri."]),
            new DefaultAzureCredential(), clientOptions);
    }

    private static TableServiceClient CreateClient(IServiceProvider services, AzureStorageOptions options, int? timeoutSeconds = null)
    {
        var clientOptions = new TableClientOptions();
        clientOptions.AddPolicy(new StorageTrafficPolicy(services.GetRequiredService<StorageTraffic>(), "table"), HttpPipelinePosition.PerRetry);

        // The gate before the timing, so a call's logged time is storage's, not its wait for a background slot.
        clientOptions.AddPolicy(services.GetRequiredService<BackgroundGatePolicy>(), HttpPipelinePosition.PerRetry);

        if (services.GetService<ILogger<StorageTimingPolicy>>() is { } timing)
        {
            clientOptions.AddPolicy(new StorageTimingPolicy(timing), HttpPipelinePosition.PerRetry);
        }

        if (services.GetService<ILogger<StorageRetryLog>>() is { } retries)
        {
            clientOptions.AddPolicy(new StorageRetryLog(retries), HttpPipelinePosition.PerRetry);
        }

        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = 2;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(100);
        clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(timeoutSeconds ?? options.TimeoutSeconds);
        return string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new TableServiceClient(options.TableServiceUri, new DefaultAzureCredential(), clientOptions)
            : new TableServiceClient(options.ConnectionString, clientOptions);
    }
}
