using Dms.Hub.Storage;
using Dms.Hub.Work;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Operations.Replays;

/// <summary>Runs replay jobs in the standalone process (a timer function does it in Azure): at once when one starts here, else every few seconds.</summary>
internal sealed partial class ReplayJobHost(ReplayJobRunner runner, ReplaySignal signal, IEnumerable<IHealthProbe> probes, IOptions<WorkOptions> work, ILogger<ReplayJobHost> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!work.Value.RunLocalLoop)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if ((await Task.WhenAll(probes.Select(p => p.IsHealthyAsync(stoppingToken)))).All(ok => ok))
                {
                    await runner.RunAsync(TimeSpan.FromMinutes(1), stoppingToken);
                }

                await signal.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(logger, ex.GetType().Name, ex.Message);
                await Task.Delay(Poll, stoppingToken).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Running replay jobs failed ({Error}: {Detail}); retrying")]
    private static partial void LogFailed(ILogger logger, string error, string detail);
}
