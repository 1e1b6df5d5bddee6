using Dms.Hub.Storage;
using Dms.Hub.Work;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Insights;

/// <summary>
/// The projector's local loop: wakes when this process commits a document, and at least every second to sweep on
/// schedule. Off with the rest of the local loop when the Functions host drives the app (a timer function runs it).
/// </summary>
internal sealed partial class InsightsHost(
    InsightsProjector projector,
    ChangeSignal signal,
    IEnumerable<IHealthProbe> probes,
    IOptions<WorkOptions> work,
    IOptionsMonitor<InsightsOptions> options,
    ILogger<InsightsHost> logger) : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!work.Value.RunLocalLoop || !options.CurrentValue.RunProjector)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var healthy = (await Task.WhenAll(probes.Select(p => p.IsHealthyAsync(stoppingToken)))).All(ok => ok);
                var cycle = healthy ? await projector.RunOnceAsync(sweep: false, stoppingToken) : new ProjectorCycle(false, 0, 0);
                if (cycle.Leased && cycle.Taken >= options.CurrentValue.BatchSize)
                {
                    continue;
                }

                if (!cycle.Leased)
                {
                    await Task.Delay(Idle, stoppingToken);
                    continue;
                }

                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                wait.CancelAfter(Idle);
                if (await signal.WaitAsync(wait.Token).ContinueWith(t => t.IsCompletedSuccessfully && t.Result, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default))
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(options.CurrentValue.CoalesceMilliseconds), stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogCycleFailed(logger, ex.GetType().Name, ex.Message);
                await Task.Delay(Idle, stoppingToken).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Projecting changed documents failed ({Error}: {Detail}); retrying")]
    private static partial void LogCycleFailed(ILogger logger, string error, string detail);
}
