using Microsoft.Extensions.Options;

namespace Dms.OemSimulator.Depot;

/// <summary>The parts depot's one-line hooks into the simulator's composition.</summary>
internal static class DepotSetup
{
    public static IServiceCollection AddDepot(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DepotOptions>(configuration.GetSection(DepotOptions.Section));
        return services.AddSingleton<DepotDesk>();
    }

    public static void MapDepot(this WebApplication app) =>
        app.MapPost("/parts/orders", (HttpContext context, Ledger ledger, FaultSwitch faults, DepotDesk desk, IOptions<SimulatorOptions> options) =>
            OemDesk.ReceiveAsync(context, ledger, faults, options.Value, "OEM-PO", desk.Receive));
}
