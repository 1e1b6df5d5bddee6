using Dms.Hub.Registry;
using Dms.Hub.Validation;
using Dms.Hub.RetailDeliveries.Rules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dms.Hub.RetailDeliveries;

public static class RetailDeliveryRegistration
{
    /// <summary>Registers the retail delivery report document type, its options and its rules.</summary>
    public static IServiceCollection AddRetailDeliveryReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetailDeliveryOptions>().Bind(configuration.GetSection(RetailDeliveryOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DocumentType, RetailDeliveryType>();
        services.AddSingleton<IRule<RetailDeliveryReport>>(sp => new VinCheckDigitRule<RetailDeliveryReport>(
            r => r.Vin, () => sp.GetRequiredService<IOptionsMonitor<RetailDeliveryOptions>>().CurrentValue.RequireVinCheckDigit));
        services.AddSingleton<IRule<RetailDeliveryReport>, DeliveryDatesRule>();
        return services;
    }
}
