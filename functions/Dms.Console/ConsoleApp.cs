using Dms.Console.Components;
using Dms.Console.Endpoints;
using Dms.Console.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Console;

public static class ConsoleApp
{
    /// <summary>
    /// Adds the OEM HQ console under <c>/console</c>: Razor components rendered on the server (static SSR), its own
    /// cookie sign-in (console key, or Entra ID by configuration), roles, antiforgery and the embedded assets.
    /// </summary>
    public static WebApplicationBuilder AddDmsConsole(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(ConsoleOptions.Section);
        builder.Services.AddOptions<ConsoleOptions>().Bind(section).ValidateDataAnnotations()
            .Validate(o => o.Users.Values.All(u => u.Role != ConsoleRole.RegionalManager || !string.IsNullOrWhiteSpace(u.Region)), "A console user with the RegionalManager role needs a Region.")
            .ValidateOnStart();
        ConsoleAuthentication.Add(builder, section.Get<ConsoleOptions>() ?? new ConsoleOptions());
        ConsoleRateLimits.Add(builder.Services, (section.Get<ConsoleOptions>() ?? new ConsoleOptions()).SignInsPerMinute);
        builder.Services.AddRazorComponents();
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "dms-console-af";
            options.Cookie.Path = "/console";
            options.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
        });
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<ConsoleSession>();
        builder.Services.AddSingleton<ConsoleKeys>();
        builder.Services.AddSingleton<ConsoleDirectory>();
        builder.Services.AddSingleton<DocumentDetails>();
        builder.Services.AddSingleton<RevealTokens>();
        builder.Services.AddSingleton<ConsoleActions>();
        builder.Services.AddSingleton<ReplaySelection>();
        builder.Services.AddSingleton<DealerHealthReader>();
        builder.Services.AddSingleton<HqFigures>();
        builder.Services.AddSingleton<HqSalesFigures>();
        builder.Services.AddSingleton<HqReports>();
        builder.Services.AddSingleton<RebuildStatus>();
        return builder;
    }

    /// <summary>Maps the console's pages and endpoints; call after authentication and authorization are in the pipeline.</summary>
    public static WebApplication UseDmsConsole(this WebApplication app)
    {
        app.UseAntiforgery();
        var console = app.MapGroup("/console");
        console.MapSessionEndpoints();
        console.MapExportEndpoints();
        console.MapDocumentActions();
        console.MapReplayEndpoints();
        console.MapFailureEndpoints();
        console.MapDealerEndpoints();
        console.MapAlertEndpoints();
        console.MapReadModelEndpoints();
        app.MapRazorComponents<App>();
        return app;
    }
}
