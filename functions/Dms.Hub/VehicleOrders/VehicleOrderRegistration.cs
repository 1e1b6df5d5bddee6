using Dms.Hub.Insights;
using Dms.Hub.Registry;
using Dms.Hub.VehicleOrders.Rules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dms.Hub.VehicleOrders;

public static class VehicleOrderRegistration
{
    /// <summary>Registers the vehicle order document type, its ordering policy (order guide, allocation, alerts) and its rules.</summary>
    public static IServiceCollection AddVehicleOrders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<VehicleOrderOptions>().Bind(configuration.GetSection(VehicleOrderOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DocumentType, VehicleOrderType>();
        services.AddSingleton<OrderAllocations>();
        services.AddSingleton<IRule<VehicleOrder>>(sp => new OrderGuideRule(Policy(sp)));
        services.AddSingleton<IRule<VehicleOrder>>(sp => new OrderTermsRule(Policy(sp)));
        services.AddSingleton<IInsightContributor, VehicleOrderInsights>();
        return services;
    }

    private static Func<VehicleOrderOptions> Policy(IServiceProvider services)
    {
        var monitor = services.GetRequiredService<IOptionsMonitor<VehicleOrderOptions>>();
        return () => monitor.CurrentValue;
    }
}
