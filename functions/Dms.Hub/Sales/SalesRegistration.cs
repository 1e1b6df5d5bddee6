using Dms.Hub.Effects;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Hub.Sales;

public static class SalesRegistration
{
    /// <summary>Registers the HQ sales rollups: the effect that maintains them, the writer, the cache and the queries.</summary>
    public static IServiceCollection AddSalesRollups(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SalesOptions>().Bind(configuration.GetSection(SalesOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SalesRollupCache>();
        services.AddSingleton<SalesRollupWriter>();
        services.AddSingleton<SalesFigures>();
        services.AddSingleton<SalesRollupImport>();
        services.AddSingleton<SalesHistoryImport>();
        services.AddSingleton<IDocumentEffect, SalesRollupEffect>();
        return services;
    }
}
