using Dms.Hub.PartsOrders.Inventory;
using Dms.Hub.PartsOrders.Rules;
using Dms.Hub.PartsOrders.Services;
using Dms.Hub.PartsOrders.Suggestions;
using Dms.Hub.Registry;
using Dms.Hub.Services;
using Dms.Hub.Work;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dms.Hub.PartsOrders;

public static class PartsOrderRegistration
{
    /// <summary>Registers the parts order document type, its policy (part master, calendar, windows, alerts, suggestions), its rules and its dealer services (stock snapshots, suggestions).</summary>
    public static IServiceCollection AddPartsOrders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PartsOrderOptions>().Bind(configuration.GetSection(PartsOrderOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<PartsOrderOptions>, PartsOrderOptionsValidator>();
        services.AddSingleton<PartMaster>();
        services.AddSingleton<PartsPolicy>();
        services.AddSingleton<PartsOrderType>();
        services.AddSingleton<DocumentType>(sp => sp.GetRequiredService<PartsOrderType>());
        services.AddSingleton<Insights.IInsightContributor, PartsOrderInsights>();
        services.AddSingleton<IRule<PartsOrder>, PartMasterRule>();
        services.AddSingleton<IRule<PartsOrder>, OrderTermsRule>();
        services.AddSingleton<PartsInventory>();
        services.AddSingleton<Batches.IBatchTarget, InventoryBatchTarget>();
        services.AddSingleton<StockAlerts>();
        services.AddSingleton<PartsSuggestions>();
        services.AddSingleton<NightlySuggestions>();
        services.AddSingleton<IScheduledJob>(sp => sp.GetRequiredService<NightlySuggestions>());
        services.AddSingleton<DealerService, SubmitPartsInventory>();
        services.AddSingleton<DealerService, RequestPartsOrderSuggestion>();
        services.AddSingleton<DealerService, ConfirmPartsOrderSuggestion>();
        return services;
    }
}
