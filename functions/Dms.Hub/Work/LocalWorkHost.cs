using System.Collections.Concurrent;
using Dms.Hub.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Work;

/// <summary>
/// The standalone host: per work kind a receive loop feeding up to <see cref="WorkOptions.Concurrency"/> runs, plus
/// the recovery sweep and the scheduled jobs on their intervals. Works over any <see cref="IWorkTransport"/>. Off
/// (<see cref="WorkOptions.RunLocalLoop"/> false) when the Azure Functions host delivers the messages and the timers.
/// </summary>
internal sealed partial class LocalWorkHost(
    IWorkTransport transport,
    WorkCycle cycle,
    WorkRecovery recovery,
    ScheduledJobs jobs,
    IEnumerable<IWorkHandler> handlers,
    IEnumerable<IHealthProbe> probes,
    IOptions<WorkOptions> options,
    TimeProvider clock,
    ILogger<LocalWorkHost> logger) : BackgroundService
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);
    private const int MaxBatch = 32;
    private const int SweepSlices = 8;
    private readonly WorkOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.RunLocalLoop || !await WaitForStorageAsync(stoppingToken))
        {
            return;
        }

        var loops = handlers.Select(h => h.Kind).Distinct(StringComparer.Ordinal).Select(kind => Task.Run(() => ReceiveAsync(kind, stoppingToken), CancellationToken.None)).ToList();
        loops.Add(Task.Run(() => SweepAsync(stoppingToken), CancellationToken.None));
        loops.Add(Task.Run(() => ScheduledJobsAsync(stoppingToken), CancellationToken.None));
        await Task.WhenAll(loops);
    }

    private async Task<bool> WaitForStorageAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var healthy = await Task.WhenAll(probes.Select(p => p.IsHealthyAsync(stoppingToken)));
            if (healthy.All(ok => ok))
            {
                return true;
            }

            if (!await DelayAsync(Pause / 4, stoppingToken))
            {
                return false;
            }
        }

        return false;
    }

    private async Task ReceiveAsync(string kind, CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(_options.Concurrency);
        var running = new ConcurrentDictionary<Task, byte>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await slots.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var taken = 1;
            while (taken < MaxBatch && slots.Wait(0, CancellationToken.None))
            {
                taken++;
            }

            IReadOnlyList<ReceivedWork> batch = [];
            try
            {
                batch = await transport.ReceiveAsync(kind, taken, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                slots.Release(taken);
                break;
            }
            catch (Exception ex)
            {
                LogReceiveFailed(logger, transport.Name, kind, ex.GetType().Name, ex.Message);
                await DelayAsync(Pause, stoppingToken);
            }

            if (taken > batch.Count)
            {
                slots.Release(taken - batch.Count);
            }

            foreach (var received in batch)
            {
                // A started item finishes even during shutdown: its attempt is already counted, and outbound calls
                // are bounded by their own timeouts.
                var run = Task.Run(() => RunAsync(received, slots), CancellationToken.None);
                running[run] = 0;
                _ = run.ContinueWith(t => running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }

        await Task.WhenAll(running.Keys);
    }

    private async Task RunAsync(ReceivedWork received, SemaphoreSlim slots)
    {
        try
        {
            await cycle.RunAsync(received, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogRunFailed(logger, ex, received.Message.WorkId);
            try
            {
                await transport.ReleaseAsync(received, Pause, CancellationToken.None);
            }
            catch (Exception releaseFailure)
            {
                LogRunFailed(logger, releaseFailure, received.Message.WorkId);
            }
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>
    /// The whole store at start (an in-memory transport starts empty), then one slice every
    /// <see cref="WorkOptions.RecoveryIntervalSeconds"/> / <see cref="SweepSlices"/>: each item is still looked at once
    /// per interval, and no single scan holds up storage for long.
    /// </summary>
    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        using var lane = StorageLane.Background();
        var slice = -1;
        await EveryAsync(TimeSpan.FromSeconds(_options.RecoveryIntervalSeconds) / SweepSlices, cancellationToken =>
            slice++ < 0 ? recovery.RunOnceAsync(cancellationToken) : recovery.RunSliceAsync(slice % SweepSlices, SweepSlices, cancellationToken), stoppingToken);
    }

    private async Task ScheduledJobsAsync(CancellationToken stoppingToken)
    {
        using var lane = StorageLane.Background();
        await EveryAsync(_options.ScheduledJobsIntervalSeconds, jobs.RunAllAsync, stoppingToken);
    }

    private Task EveryAsync<T>(int seconds, Func<CancellationToken, Task<T>> run, CancellationToken stoppingToken) =>
        EveryAsync(TimeSpan.FromSeconds(seconds), run, stoppingToken, paced: false);

    /// <summary>
    /// Runs <paramref name="run"/> every <paramref name="interval"/>; a sweep (<paramref name="paced"/>) waits longer
    /// after a long run (<see cref="SweepPacing"/>), a failed one (a timeout, usually) included.
    /// </summary>
    private async Task EveryAsync<T>(TimeSpan interval, Func<CancellationToken, Task<T>> run, CancellationToken stoppingToken, bool paced = true)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = clock.GetTimestamp();
            var wait = interval;
            try
            {
                await run(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPeriodicFailed(logger, ex.GetType().Name, ex.Message);
                wait = Pause;
            }

            if (paced)
            {
                wait = SweepPacing.Next(wait, clock.GetElapsedTime(started));
            }

            if (!await DelayAsync(wait, stoppingToken))
            {
                return;
            }
        }
    }

    private async Task<bool> DelayAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(wait, clock, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Work {WorkId} could not run; retrying shortly")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, string workId);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Recovery sweep or scheduled job failed ({Error}: {Detail}); retrying")]
    private static partial void LogPeriodicFailed(ILogger logger, string error, string detail);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Receiving {Kind} work over {Transport} failed ({Error}: {Detail}); retrying")]
    private static partial void LogReceiveFailed(ILogger logger, string transport, string kind, string error, string detail);
}
