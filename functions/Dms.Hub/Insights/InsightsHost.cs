using Dms.Hub.Storage;
using Dms.Hub.Work;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Insights;

/// <summary>
/// The projector's local loop: wakes when a document this process committed has been quiet long enough
/// (<see cref="ChangeSignal"/>), and at least every second to sweep on schedule. Off with the rest of the local loop when the Functions host drives the app (a timer function runs it).
/// </summary>
internal sealed partial class InsightsHost(
    InsightsProjector projector,
    ChangeSignal signal,
    IEnumerable<IHealthProbe> probes,
    IOptions<WorkOptions> work,
    IOptionsMonitor<InsightsOptions> options,
    TimeProvider clock,
    ILogger<InsightsHost> logger) : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MinPause = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!work.Value.RunLocalLoop || !options.CurrentValue.RunProjector)
        {
            return;
        }

        // Nobody waits for the read model's writes: they queue behind acknowledgements, not ahead of them.
        using var lane = StorageLane.Background();
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

                await WaitForDueAsync(stoppingToken);
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

    /// <summary>
    /// Until the first waiting document's burst is over (at most <see cref="Idle"/>, for the scan's schedule); with
    /// nothing waiting, until a nudge arrives. Never shorter than <see cref="MinPause"/>, so documents coming due
    /// close together share a cycle.
    /// </summary>
    private async Task WaitForDueAsync(CancellationToken stoppingToken)
    {
        var idleUntil = clock.GetUtcNow() + Idle;
        while (true)
        {
            var arrived = signal.WaitAsync(stoppingToken);
            var now = clock.GetUtcNow();
            if (signal.Next() is { } next)
            {
                var until = (next.NextDue < idleUntil ? next.NextDue : idleUntil) - now;
                await Task.Delay(until < MinPause ? MinPause : until, clock, stoppingToken);
                return;
            }

            // Nothing waits: sleep until a nudge arrives (then until its burst is over), or the scan is due.
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            wait.CancelAfter(idleUntil - now > TimeSpan.Zero ? idleUntil - now : TimeSpan.Zero);
            var woken = await arrived.WaitAsync(wait.Token).ContinueWith(t => t.IsCompletedSuccessfully, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            if (!woken)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Projecting changed documents failed ({Error}: {Detail}); retrying")]
    private static partial void LogCycleFailed(ILogger logger, string error, string detail);
}
