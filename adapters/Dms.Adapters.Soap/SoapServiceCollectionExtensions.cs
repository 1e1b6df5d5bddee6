using Dms.Adapters.Soap.Internal;
using Dms.Adapters.Soap.Internal.Contract;
using Dms.Adapters.Soap.Internal.Operations;
using Dms.Hub.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dms.Adapters.Soap;

public static class SoapServiceCollectionExtensions
{
    /// <summary>
    /// Adds the SOAP channel: the contract generated from the registry (dealer service and callback WSDL), the
    /// gateway (hostile-XML guard, WS-Security UsernameToken, rate limit), the dispatcher onto the hub's intake,
    /// commands and mailbox, and the <c>soap</c> dealer notifier for callbacks.
    /// </summary>
    public static IServiceCollection AddSoapAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SoapOptions>().Bind(configuration.GetSection(SoapOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SoapOptions>, SoapOptionsValidator>();
        services.AddSingleton<SoapContract>();
        services.AddSingleton<PublicAddress>();
        services.AddSingleton<MetadataEndpoint>();
        services.AddSingleton<XmlGuard>();
        services.AddSingleton<UsernameTokenValidator>();
        services.AddSingleton<DocumentOperations>();
        services.AddSingleton<ServiceOperations>();
        services.AddSingleton<StatusOperation>();
        services.AddSingleton<MailboxOperations>();
        services.AddSingleton<ReplyWriter>();
        services.AddSingleton<SoapDispatcher>();
        services.AddSingleton<SoapGateway>();
        var timeout = configuration.GetSection(SoapOptions.Section).Get<SoapOptions>()?.CallbackTimeoutSeconds ?? new SoapOptions().CallbackTimeoutSeconds;
        services.AddHttpClient(SoapCallbackNotifier.ClientName, client => client.Timeout = TimeSpan.FromSeconds(timeout));
        services.AddKeyedSingleton<IDealerNotifier, SoapCallbackNotifier>(SoapCallbackNotifier.Key);
        return services;
    }

    /// <summary>
    /// Serves SOAP under <c>Dms:Soap:Path</c> on its own branch. The contract is generated here, so a document type
    /// whose schema has no XML form stops the start-up. Place it after exception handling and correlation, before
    /// the REST surface.
    /// </summary>
    public static IApplicationBuilder UseSoapAdapter(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<SoapOptions>>().Value;
        app.ApplicationServices.GetRequiredService<MetadataEndpoint>().Prepare();
        var gateway = app.ApplicationServices.GetRequiredService<SoapGateway>();
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Dms.Soap");
        return app.Map(options.Path, soap => soap.Run(context => SoapFailures.GuardAsync(context, () => gateway.InvokeAsync(context), logger)));
    }
}
