using System.Collections.Concurrent;
using Dms.Hub.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Work;

/// <summary>
/// The standalone work loop: a pool of workers taking due items from the <see cref="WorkScheduler"/>, and a
/// recovery sweep that finds pending work in storage (at start-up, and periodically for leases that lapsed because
/// a process died). Off when the Azure Functions host drives the handlers.
/// </summary>
internal sealed partial class LocalWorkHost(
    WorkScheduler scheduler,
    WorkRunner runner,
    IWorkStore store,
    IEnumerable<IHealthProbe> probes,
    IOptions<WorkOptions> options,
    TimeProvider clock,
    ILogger<LocalWorkHost> logger) : BackgroundService
{
    private static readonly TimeSpan StorageRetry = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<string, byte> _inFlight = new(StringComparer.Ordinal);
    private readonly WorkOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.RunLocalLoop || !await WaitForStorageAsync(stoppingToken))
        {
            return;
        }

        var workers = Enumerable.Range(0, _options.Concurrency).Select(_ => Task.Run(() => WorkAsync(stoppingToken), CancellationToken.None));
        await Task.WhenAll(workers.Append(Task.Run(() => SweepAsync(stoppingToken), CancellationToken.None)));
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

            try
            {
                await Task.Delay(StorageRetry / 4, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return false;
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            WorkRef work;
            try
            {
                work = await scheduler.TakeNextDueAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _inFlight[work.Id] = 0;
            try
            {
                // A started item finishes even during shutdown: its attempt is already counted, and outbound calls
                // are bounded by their own timeouts.
                var outcome = await runner.RunAsync(work, CancellationToken.None);
                if (outcome.DueAt is { } due)
                {
                    scheduler.Schedule(work with { DueAt = due });
                }
            }
            catch (Exception ex)
            {
                LogRunFailed(logger, ex, work.Id);
                scheduler.Schedule(work with { DueAt = clock.GetUtcNow() + StorageRetry });
            }
            finally
            {
                _inFlight.TryRemove(work.Id, out _);
            }
        }
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = TimeSpan.FromSeconds(_options.RecoveryIntervalSeconds);
            try
            {
                var found = 0;
                await foreach (var item in store.ScanPendingAsync(stoppingToken))
                {
                    if (!_inFlight.ContainsKey(item.Id) && !scheduler.Contains(item.Id))
                    {
                        scheduler.Schedule(item.Ref with { DueAt = item.ReadyAt });
                        found++;
                    }
                }

                if (found > 0)
                {
                    LogRecovered(logger, found);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogSweepFailed(logger, ex.GetType().Name, ex.Message);
                wait = StorageRetry;
            }

            try
            {
                await Task.Delay(wait, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Work {WorkId} could not run; retrying shortly")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, string workId);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Recovery sweep scheduled {Count} pending work items")]
    private static partial void LogRecovered(ILogger logger, int count);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Recovery sweep failed ({Error}: {Detail}); retrying")]
    private static partial void LogSweepFailed(ILogger logger, string error, string detail);
}
