namespace Dms.Functions.Startup;

internal static class DemoServices
{
    /// <summary>Start-up tasks (bootstrap keys) and, for <c>./dms run</c>, the demo data they seed.</summary>
    public static IServiceCollection AddStartupTasks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.Section));
        services.AddSingleton<DemoHistory>();
        services.AddSingleton<History.DemoDocumentHistory>();
        services.AddSingleton<DemoReporting>();
        services.AddSingleton<DemoHq>();
        services.AddHostedService<StartupTasks>();
        return services;
    }
}
