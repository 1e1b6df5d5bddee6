using System.Xml;
using Dms.Adapters.Soap.Contracts;
using Dms.Adapters.Soap.Internal;
using Dms.Hub.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SoapCore;

namespace Dms.Adapters.Soap;

public static class SoapServiceCollectionExtensions
{
    /// <summary>
    /// Adds the SOAP channel: the dealer service and callback WSDL (SoapCore), WS-Security UsernameToken validation,
    /// the hostile-XML guard, and the <c>soap</c> dealer notifier for callbacks.
    /// </summary>
    public static IServiceCollection AddSoapAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SoapOptions>().Bind(configuration.GetSection(SoapOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpContextAccessor();
        services.AddSoapCore();
        services.AddSoapMessageInspector<ReplyTimestamp>();
        // Never let an exception's text out: SoapCore would put it in the fault reason.
        services.AddSoapExceptionTransformer(_ => "The message could not be processed.");
        services.AddScoped<IDealerService, DealerSoapService>();
        services.AddSingleton<IDealerCallback, CallbackContractEndpoint>();
        services.AddSingleton<XmlGuard>();
        services.AddSingleton<SecurityHeaderReader>();
        services.AddSingleton<UsernameTokenValidator>();
        services.AddSingleton<SoapGateway>();
        services.AddKeyedSingleton<IDealerNotifier, SoapCallbackNotifier>(SoapCallbackNotifier.Key);
        return services;
    }

    /// <summary>
    /// Serves SOAP under <c>Dms:Soap:Path</c> on its own branch: the gateway (guard, WS-Security, the same per-dealer
    /// rate limit as REST), then SoapCore. Place it after exception handling and correlation, before the REST surface.
    /// </summary>
    public static IApplicationBuilder UseSoapAdapter(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<SoapOptions>>().Value;
        var gateway = app.ApplicationServices.GetRequiredService<SoapGateway>();
        return app.Map(options.Path, soap =>
        {
            soap.Use((context, next) => gateway.InvokeAsync(context, next));
            var encoder = new SoapEncoderOptions
            {
                ReaderQuotas = new XmlDictionaryReaderQuotas
                {
                    MaxDepth = options.MaxDepth,
                    MaxStringContentLength = options.MaxStringLength,
                    MaxArrayLength = options.MaxStringLength,
                    MaxBytesPerRead = 16 * 1024,
                    MaxNameTableCharCount = 16 * 1024,
                },
            };
            soap.UseSoapEndpoint<IDealerService>("/DealerService.svc", encoder, SoapSerializer.DataContractSerializer);
            soap.UseSoapEndpoint<IDealerCallback>(SoapGateway.CallbackPath, encoder, SoapSerializer.DataContractSerializer);
        });
    }
}
