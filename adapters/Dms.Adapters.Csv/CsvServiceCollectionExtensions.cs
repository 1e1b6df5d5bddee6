using Dms.Adapters.Csv.Internal;
using Dms.Hub.Batches;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Adapters.Csv;

public static class CsvServiceCollectionExtensions
{
    /// <summary>
    /// Adds CSV as a batch file format: <c>POST /api/v1/batches</c> with <c>text/csv</c> (or a CSV part of a multipart
    /// upload) for every document type with a CSV layout (<see cref="CsvLayouts"/>).
    /// </summary>
    public static IServiceCollection AddCsvAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CsvOptions>().Bind(configuration.GetSection(CsvOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IBatchFormat, CsvBatchFormat>();
        return services;
    }
}
