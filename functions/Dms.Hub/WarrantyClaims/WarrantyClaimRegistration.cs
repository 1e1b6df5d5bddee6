using Dms.Hub.Insights;
using Dms.Hub.Registry;
using Dms.Hub.Validation;
using Dms.Hub.WarrantyClaims.Rules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dms.Hub.WarrantyClaims;

public static class WarrantyClaimRegistration
{
    /// <summary>Registers the warranty claim document type, its policy options and its rules.</summary>
    public static IServiceCollection AddWarrantyClaims(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WarrantyClaimOptions>().Bind(configuration.GetSection(WarrantyClaimOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DocumentType, WarrantyClaimType>();
        services.AddSingleton<IRule<WarrantyClaim>>(sp => new VinCheckDigitRule<WarrantyClaim>(
            c => c.Vin, () => sp.GetRequiredService<IOptionsMonitor<WarrantyClaimOptions>>().CurrentValue.RequireVinCheckDigit));
        services.AddSingleton<IRule<WarrantyClaim>, RepairOrderDatesRule>();
        services.AddSingleton<IRule<WarrantyClaim>, FilingWindowRule>();
        services.AddSingleton<IRule<WarrantyClaim>, CoverageRule>();
        services.AddSingleton<IRule<WarrantyClaim>, LaborRule>();
        services.AddSingleton<IRule<WarrantyClaim>, CausalPartRule>();
        services.AddSingleton<IRule<WarrantyClaim>, PreAuthorizationRule>();
        services.AddSingleton<IRule<WarrantyClaim>, TotalsRule>();
        services.AddSingleton<IInsightContributor, WarrantyClaimInsights>();
        return services;
    }
}
