using Dms.Hub.Alerts;
using Dms.Hub.Effects;
using Dms.Hub.PeriodicReports;
using Dms.Hub.PeriodicReports.Rules;
using Dms.Hub.Registry;
using Dms.Hub.RetailDeliveries;
using Dms.Hub.Work;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Reporting;

public static class ReportingRegistration
{
    /// <summary>
    /// Registers the periodic report kinds (one registry entry each), the reporting calendar, the job that creates
    /// Expected slots, the escalation ladder's timers and notices, and the effect that moves slots as versions arrive.
    /// </summary>
    public static IServiceCollection AddPeriodicReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReportingOptions>().Bind(configuration.GetSection(ReportingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReportingOptions>, ReportingOptionsValidator>();
        services.AddSingleton<DocumentType, DailySalesSummaryType>();
        services.AddSingleton<DocumentType, MonthlyStockReportType>();
        services.AddSingleton<DocumentType, MonthlyFinancialStatementType>();
        services.AddSingleton<IRule<MonthlyFinancialStatement>, SingleCurrencyRule>();
        services.AddSingleton<IRule<MonthlyStockReport>>(sp => new StockVinRule(() => sp.GetRequiredService<IOptionsMonitor<RetailDeliveryOptions>>().CurrentValue.RequireVinCheckDigit));
        services.AddSingleton<ReportingCalendar>();
        services.AddSingleton<ReportSlots>();
        services.AddSingleton<IDocumentEffect, ReportVersionEffect>();
        services.AddSingleton<ExpectedReportsJob>();
        services.AddSingleton<IScheduledJob>(sp => sp.GetRequiredService<ExpectedReportsJob>());
        services.AddSingleton<ReportEscalation>();
        services.AddSingleton<EscalationNotices>();
        services.AddSingleton<ReportSettlement>();
        services.AddSingleton<ISubjectTimer, ReportEscalationTimer>();
        return services;
    }
}
