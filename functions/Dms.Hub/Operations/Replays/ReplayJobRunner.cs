using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Operations.Replays;

/// <summary>
/// Runs replay jobs: under the job's lease, a chunk of items is first marked Replaying (with when), then each is
/// replayed through <see cref="DeadLetters"/> — a new work item linked to the original, the same delivery and so the
/// same Idempotency-Key — and the chunk's results are saved. Replaying is idempotent (a dead letter already replayed
/// is returned as it stands), so an item the process stopped on is replayed again safely: never lost, never doubled.
/// </summary>
public sealed partial class ReplayJobRunner(IReplayJobStore store, DeadLetters deadLetters, IOptionsMonitor<ReplayOptions> options, TimeProvider clock, ILogger<ReplayJobRunner> logger)
{
    private readonly string _owner = Environment.MachineName + "/" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Works on every active job until all are finished or <paramref name="budget"/> is spent; returns the items settled.</summary>
    public async Task<int> RunAsync(TimeSpan budget, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(budget.TotalSeconds * Stopwatch.Frequency);
        var settled = 0;
        foreach (var jobId in await store.ActiveAsync(cancellationToken))
        {
            if (Stopwatch.GetTimestamp() >= deadline)
            {
                break;
            }

            settled += await RunJobAsync(jobId, deadline, cancellationToken);
        }

        return settled;
    }

    private async Task<int> RunJobAsync(string jobId, long deadline, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var lease = TimeSpan.FromSeconds(settings.LeaseSeconds);
        if (!await store.TryLeaseAsync(jobId, _owner, clock.GetUtcNow(), lease, cancellationToken) || await store.GetAsync(jobId, cancellationToken) is not { Finished: false } job)
        {
            return 0;
        }

        // Whatever a crashed run left half-done is recounted from the items themselves.
        var items = await AllItemsAsync(jobId, cancellationToken);
        job = await SaveAsync(job with { Status = ReplayJob.Running, StartedAt = job.StartedAt ?? clock.GetUtcNow(), Counts = ReplayCounts.Of(items) }, cancellationToken);
        var settled = 0;
        foreach (var chunk in items.Where(i => i.Open).Chunk(settings.ChunkSize))
        {
            job = await store.GetAsync(jobId, cancellationToken) ?? job;
            if (job.CancelRequestedAt is not null)
            {
                return settled + await CancelRestAsync(job, cancellationToken);
            }

            if (Stopwatch.GetTimestamp() >= deadline || !await store.TryLeaseAsync(jobId, _owner, clock.GetUtcNow(), lease, cancellationToken))
            {
                return settled;
            }

            var marked = chunk.Select(i => i with { Status = ReplayItem.Replaying, AttemptedAt = i.AttemptedAt ?? clock.GetUtcNow() }).ToList();
            await store.SaveItemsAsync(marked, cancellationToken);
            var results = new List<ReplayItem>();
            foreach (var item in marked)
            {
                results.Add(await ReplayAsync(job, item, cancellationToken));
                await Task.Delay(TimeSpan.FromSeconds(1.0 / settings.ItemsPerSecond), clock, cancellationToken);
            }

            await store.SaveItemsAsync(results, cancellationToken);
            settled += results.Count;
            job = await SaveAsync(job with { Counts = job.Counts.Plus(ReplayCounts.Of(results)) }, cancellationToken);
        }

        var final = ReplayCounts.Of(await AllItemsAsync(jobId, cancellationToken));
        await SaveAsync(job with { Status = ReplayJob.Completed, FinishedAt = clock.GetUtcNow(), Counts = final }, cancellationToken);
        LogFinished(logger, jobId, final.Replayed, final.AlreadyReplayed, final.NotFound, final.Failed);
        return settled;
    }

    private async Task<ReplayItem> ReplayAsync(ReplayJob job, ReplayItem item, CancellationToken cancellationToken)
    {
        try
        {
            var letter = await deadLetters.GetAsync(item.DeadLetterId, cancellationToken);
            if (letter is null)
            {
                return item with { Status = ReplayItem.NotFound, FinishedAt = clock.GetUtcNow() };
            }

            if (letter.ReplayedAt is { } replayedAt && replayedAt < item.AttemptedAt)
            {
                return item with { Status = ReplayItem.AlreadyReplayed, FinishedAt = clock.GetUtcNow(), ReplayWorkId = letter.ReplayWorkId };
            }

            var replayed = await deadLetters.ReplayAsync(item.DeadLetterId, job.CreatedBy, "replay-" + job.Id, cancellationToken);
            return item with { Status = ReplayItem.Replayed, FinishedAt = clock.GetUtcNow(), ReplayWorkId = replayed?.ReplayWorkId };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogItemFailed(logger, job.Id, item.DeadLetterId, ex.GetType().Name);
            var error = $"{ex.GetType().Name}: {ex.Message}";
            return item with { Status = ReplayItem.Failed, FinishedAt = clock.GetUtcNow(), Error = error.Length > 300 ? error[..300] : error };
        }
    }

    private async Task<int> CancelRestAsync(ReplayJob job, CancellationToken cancellationToken)
    {
        var open = (await AllItemsAsync(job.Id, cancellationToken)).Where(i => i.Status == ReplayItem.Pending).ToList();
        var cancelled = open.Select(i => i with { Status = ReplayItem.Cancelled, FinishedAt = clock.GetUtcNow() }).ToList();
        foreach (var chunk in cancelled.Chunk(100))
        {
            await store.SaveItemsAsync(chunk, cancellationToken);
        }

        await SaveAsync(job with { Status = ReplayJob.Cancelled, FinishedAt = clock.GetUtcNow(), Counts = ReplayCounts.Of(await AllItemsAsync(job.Id, cancellationToken)) }, cancellationToken);
        return cancelled.Count;
    }

    /// <summary>Saves the runner's view of the job; a concurrent change (a cancel request) is kept and the save retried.</summary>
    private async Task<ReplayJob> SaveAsync(ReplayJob job, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await store.TrySaveAsync(job, cancellationToken))
            {
                return await store.GetAsync(job.Id, cancellationToken) ?? job;
            }

            var current = await store.GetAsync(job.Id, cancellationToken) ?? job;
            job = job with { ETag = current.ETag, CancelRequestedAt = current.CancelRequestedAt, CancelRequestedBy = current.CancelRequestedBy };
            if (attempt >= 5)
            {
                throw new InvalidOperationException($"Replay job {job.Id} keeps changing.");
            }
        }
    }

    private async Task<List<ReplayItem>> AllItemsAsync(string jobId, CancellationToken cancellationToken)
    {
        var all = new List<ReplayItem>();
        while (true)
        {
            var page = await store.ItemsAsync(jobId, all.Count + 1, 1000, cancellationToken);
            all.AddRange(page);
            if (page.Count < 1000)
            {
                return all;
            }
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Replay job {JobId} finished: {Replayed} replayed, {AlreadyReplayed} already replayed, {NotFound} not found, {Failed} failed")]
    private static partial void LogFinished(ILogger logger, string jobId, int replayed, int alreadyReplayed, int notFound, int failed);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Replay job {JobId}: replaying {DeadLetterId} failed ({Error})")]
    private static partial void LogItemFailed(ILogger logger, string jobId, string deadLetterId, string error);
}
