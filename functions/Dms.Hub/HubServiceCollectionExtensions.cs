using Dms.Hub.Alerts;
using Dms.Hub.Batches;
using Dms.Hub.Common;
using Dms.Hub.Dealers;
using Dms.Hub.Intake;
using Dms.Hub.Effects;
using Dms.Hub.Insights;
using Dms.Hub.Notifications;
using Dms.Hub.OemCodes;
using Dms.Hub.Operations;
using Dms.Hub.Operations.Alerts;
using Dms.Hub.Operations.Replays;
using Dms.Hub.PartsOrders;
using Dms.Hub.Registry;
using Dms.Hub.Reporting;
using Dms.Hub.RetailDeliveries;
using Dms.Hub.Sales;
using Dms.Hub.Services;
using Dms.Hub.Routing;
using Dms.Hub.Validation;
using Dms.Hub.VehicleOrders;
using Dms.Hub.WarrantyClaims;
using Dms.Hub.Work;
using Dms.Hub.Workflow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dms.Hub;

public static class HubServiceCollectionExtensions
{
    /// <summary>
    /// Registers the hub core: document types, intake, workflows, routing, work handlers and the standalone work
    /// loop. Storage and protocol adapters are added separately (one <c>Add…Adapter</c> call each).
    /// </summary>
    public static IServiceCollection AddDmsHub(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        AddOptions<SecurityOptions>(services, configuration, SecurityOptions.Section);
        AddOptions<IntakeOptions>(services, configuration, IntakeOptions.Section);
        AddOptions<WorkOptions>(services, configuration, WorkOptions.Section);
        AddOptions<NotificationOptions>(services, configuration, NotificationOptions.Section);
        AddOptions<RoutingOptions>(services, configuration, RoutingOptions.Section);
        AddOptions<DocumentCacheOptions>(services, configuration, DocumentCacheOptions.Section);
        AddOptions<OemCodeOptions>(services, configuration, OemCodeOptions.Section);
        AddOptions<InsightsOptions>(services, configuration, InsightsOptions.Section);
        AddOptions<ReplayOptions>(services, configuration, ReplayOptions.Section);
        AddOptions<TechnicalAlertOptions>(services, configuration, TechnicalAlertOptions.Section);
        services.AddSingleton<IValidateOptions<OemCodeOptions>, OemCodeOptionsValidator>();
        services.AddSingleton<OemCodeTranslator>();
        services.AddSingleton<IValidateOptions<RoutingOptions>, RoutingOptionsValidator>();

        services.AddWarrantyClaims(configuration).AddRetailDeliveryReports(configuration).AddVehicleOrders(configuration).AddPartsOrders(configuration);
        services.AddSalesRollups(configuration).AddPeriodicReports(configuration).AddBatches(configuration);
        services.AddSingleton<DocumentTypeRegistry>();
        services.AddSingleton<DealerServices>();
        services.AddSingleton<SchemaCatalog>();
        services.AddSingleton<HubTelemetry>();

        services.AddSingleton<DealerDirectory>();
        services.AddSingleton<DealerRegistration>();
        services.AddSingleton<HqDirectory>();
        services.AddSingleton<DealerSecrets>();
        services.AddSingleton<SecretProtector>();
        services.AddSingleton<SoapSecrets>();
        services.AddSingleton<DocumentWorkflow>();
        services.AddSingleton<DocumentCache>();
        services.AddSingleton<DocumentGate>();
        services.AddSingleton<WorkCompletions>();
        services.AddSingleton<DocumentCommitter>();
        services.AddSingleton<DocumentBulkCommitter>();
        services.AddSingleton<InlineWork>();
        services.AddSingleton<DocumentDerivations>();
        services.AddSingleton<Reservations>();
        services.AddSingleton<IDocumentEffect, ReservationRelease>();
        services.AddSingleton<VehicleRegistry>();
        services.AddSingleton<Idempotency>();
        services.AddSingleton<DocumentIntake>();
        services.AddSingleton<DocumentCommands>();
        services.AddSingleton<OemEvents>();
        services.AddSingleton<Mailbox>();
        services.AddSingleton<NotificationRecipients>();
        services.AddSingleton<DeadLetters>();
        services.TryAddSingleton<StorageTraffic>();
        services.AddSingleton<Router>();

        services.AddSingleton<IWorkHandler, RouteHandler>();
        services.AddSingleton<IWorkHandler, DeliverHandler>();
        services.AddSingleton<IWorkHandler, NotifyHandler>();
        services.AddSingleton<DocumentEffects>();
        services.AddSingleton<WorkFailures>();
        services.AddSingleton<IWorkHandler, EffectHandler>();
        services.AddSingleton<IWorkHandler, TimerHandler>();
        services.AddSingleton<IWorkHandler, JournalHandler>();
        services.AddSingleton<DocumentTriggers>();
        services.AddSingleton<BusinessAlerts>();
        services.AddSingleton<WorkRunner>();
        services.AddSingleton<WorkCycle>();
        services.AddSingleton<WorkRecovery>();
        services.AddSingleton<ScheduledJobs>();
        services.AddSingleton<IScheduledJob, NoncePruning>();
        services.AddKeyedSingleton<IWorkTransport, EmbeddedWorkTransport>(EmbeddedWorkTransport.TransportName);
        services.AddSingleton(SelectTransport);
        services.TryAddSingleton<IWorkDispatcher, TransportWorkDispatcher>();
        services.AddHostedService<LocalWorkHost>();
        services.AddInsights();
        return services;
    }

    /// <summary>The console's read model: change feed consumer, facts, projection and its local loop.</summary>
    private static void AddInsights(this IServiceCollection services)
    {
        services.AddSingleton<ChangeSignal>();
        services.AddSingleton<FactsBuilder>();
        services.AddSingleton<FactsSource>();
        services.AddSingleton<ListedFacts>();
        services.AddSingleton<InsightsHistoryImport>();
        services.AddSingleton<ProjectionWriter>();
        services.AddSingleton<InsightsProjector>();
        services.AddSingleton<Insights.Rebuild.ReadModelRebuild>();
        services.AddSingleton<Insights.Rebuild.ReadModelUpkeep>();
        services.AddSingleton<CounterReader>();
        services.AddSingleton<DocumentSearch>();
        services.AddSingleton<DocumentList>();
        services.AddSingleton<Overview>();
        services.AddSingleton<FailureGroups>();
        services.AddSingleton<ReplaySignal>();
        services.AddSingleton<ReplayJobs>();
        services.AddSingleton<ReplayJobRunner>();
        services.AddHostedService<ReplayJobHost>();
        services.AddSingleton<TechnicalAlerts>();
        services.AddHostedService<TechnicalAlertHost>();
        services.AddSingleton<ConsoleWork>();
        services.AddHostedService<InsightsHost>();
    }

    /// <summary>The transport <c>Dms:Work:Transport</c> names; each adapter registers its own under its name.</summary>
    private static IWorkTransport SelectTransport(IServiceProvider services)
    {
        var name = services.GetRequiredService<IOptions<WorkOptions>>().Value.Transport;
        return services.GetKeyedService<IWorkTransport>(name)
            ?? throw new OptionsValidationException(WorkOptions.Section, typeof(WorkOptions),
                [$"Dms:Work:Transport '{name}' is not available; use embedded, service-bus or storage-queue (with that adapter's settings)."]);
    }

    private static void AddOptions<T>(IServiceCollection services, IConfiguration configuration, string section)
        where T : class =>
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();
}
