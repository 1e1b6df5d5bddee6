using Dms.Adapters.AzureStorage;
using Dms.Adapters.Csv;
using Dms.Adapters.Rest;
using Dms.Adapters.ServiceBus;
using Dms.Adapters.Soap;
using Dms.Console;
using Dms.Functions.FunctionsHost;
using Dms.Functions.Http;
using Dms.Functions.Startup;
using Dms.Hub;

namespace Dms.Functions;

/// <summary>
/// The composition root: the hub core, one call per adapter, the HTTP surface — and, when the Functions host
/// started the process, the host's invocation routes.
/// </summary>
public static class HubApp
{
    /// <param name="configure">Extra configuration applied before services are registered (tests use it).</param>
    /// <param name="services">Extra services registered last (tests add handlers with it).</param>
    public static WebApplication Create(string[] args, Action<IConfigurationBuilder>? configure = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder.Configuration);
        CustomHandler.Configure(builder);

        builder.Services
            .AddDmsHub(builder.Configuration)
            .AddAzureStorageAdapter(builder.Configuration)
            .AddCsvAdapter(builder.Configuration)
            .AddServiceBusAdapter(builder.Configuration)
            .AddRestAdapter(builder.Configuration)
            .AddSoapAdapter(builder.Configuration);
        builder.Services.AddStartupTasks(builder.Configuration);
        builder.AddHttpSurface();
        builder.AddDmsConsole();
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseProblemExceptions();
        app.UseCorrelation();
        app.UseSoapAdapter();
        app.UseHttpSurface();
        app.UseDmsConsole();
        app.MapHostInvocations();
        return app;
    }
}
