using Microsoft.Extensions.Logging;

namespace Dms.Hub.Work;

/// <summary>Runs every <see cref="IScheduledJob"/>; one failing job does not stop the others.</summary>
public sealed partial class ScheduledJobs(IEnumerable<IScheduledJob> jobs, ILogger<ScheduledJobs> logger)
{
    /// <summary>Runs them all; returns the names of those that failed.</summary>
    public async Task<IReadOnlyList<string>> RunAllAsync(CancellationToken cancellationToken)
    {
        var failed = new List<string>();
        foreach (var job in jobs)
        {
            try
            {
                await job.RunAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogJobFailed(logger, job.Name, ex.GetType().Name, ex.Message);
                failed.Add(job.Name);
            }
        }

        return failed;
    }

    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "Scheduled job {Job} failed ({Error}: {Detail})")]
    private static partial void LogJobFailed(ILogger logger, string job, string error, string detail);
}
