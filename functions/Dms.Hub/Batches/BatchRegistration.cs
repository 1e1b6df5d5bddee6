using Dms.Hub.Work;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Hub.Batches;

public static class BatchRegistration
{
    /// <summary>
    /// Registers the batch channel's core: uploads, the two phases (validation, import) run as checkpointed work, and
    /// the stalled-batch sweep. File formats (CSV …) and the file store come from adapters.
    /// </summary>
    public static IServiceCollection AddBatches(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BatchOptions>().Bind(configuration.GetSection(BatchOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<BatchKeyCache>();
        services.AddSingleton<BatchFiles>();
        services.AddSingleton<BatchValidator>();
        services.AddSingleton<BatchJobs>();
        services.AddSingleton<BatchTargets>();
        services.AddSingleton<BatchUploads>();
        services.AddSingleton<BatchPacing>();
        services.AddSingleton<IBatchPhase, BatchValidationPhase>();
        services.AddSingleton<IBatchPhase, BatchImportPhase>();
        services.AddSingleton<IWorkHandler, BatchHandler>();
        services.AddSingleton<IScheduledJob, StalledBatchesJob>();
        return services;
    }
}
