using Dms.Hub.Storage;
using Dms.Hub.Work;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Operations.Alerts;

/// <summary>Evaluates the technical alerts on their interval in the standalone process (the console timer function does it in Azure).</summary>
internal sealed partial class TechnicalAlertHost(TechnicalAlerts alerts, IEnumerable<IHealthProbe> probes, IOptions<WorkOptions> work, IOptionsMonitor<TechnicalAlertOptions> options, ILogger<TechnicalAlertHost> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!work.Value.RunLocalLoop)
        {
            return;
        }

        using var lane = StorageLane.Background();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(options.CurrentValue.IntervalSeconds), stoppingToken);
                if ((await Task.WhenAll(probes.Select(p => p.IsHealthyAsync(stoppingToken)))).All(ok => ok))
                {
                    await alerts.EvaluateAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(logger, ex.GetType().Name, ex.Message);
            }
        }
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Evaluating technical alerts failed ({Error}: {Detail})")]
    private static partial void LogFailed(ILogger logger, string error, string detail);
}
