using Dms.Hub.Common;
using Dms.Hub.Workflow;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Operations.Replays;

/// <summary>Starting and cancelling bulk replays; <see cref="ReplayJobRunner"/> does the work.</summary>
public sealed class ReplayJobs(IReplayJobStore store, ReplaySignal signal, IOptions<ReplayOptions> options, TimeProvider clock)
{
    /// <summary>Creates a job over <paramref name="targets"/> (in that order); null when there is nothing to replay or too much.</summary>
    public async Task<ReplayJob?> StartAsync(string operatorId, string operatorName, string reason, string selection, IReadOnlyList<ReplayTarget> targets, CancellationToken cancellationToken)
    {
        var distinct = targets.DistinctBy(t => t.DeadLetterId, StringComparer.Ordinal).ToList();
        if (distinct.Count == 0 || distinct.Count > options.Value.MaxItems || string.IsNullOrWhiteSpace(reason))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var job = new ReplayJob
        {
            Id = Ids.NewUlid(now), CreatedAt = now, CreatedBy = operatorId, CreatedByName = operatorName, Reason = reason.Trim(), Selection = selection, Total = distinct.Count,
        };
        var items = distinct.Select((t, i) => new ReplayItem(job.Id, i + 1, t.DeadLetterId, t.TrackingId, t.DocumentType, t.DealerCode, t.Delivery)).ToList();
        await store.CreateAsync(job, items, cancellationToken);
        signal.Started();
        return await store.GetAsync(job.Id, cancellationToken);
    }

    /// <summary>Asks the runner to stop before its next item; items not yet replayed end Cancelled (still listed).</summary>
    public async Task<ReplayJob?> CancelAsync(string jobId, string operatorId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var job = await store.GetAsync(jobId, cancellationToken);
            if (job is null || job.Finished || job.CancelRequestedAt is not null)
            {
                return job;
            }

            if (await store.TrySaveAsync(job with { CancelRequestedAt = clock.GetUtcNow(), CancelRequestedBy = operatorId }, cancellationToken))
            {
                signal.Started();
                return await store.GetAsync(jobId, cancellationToken);
            }
        }

        throw new DocumentBusyException("The replay job is changing; try again.");
    }
}

/// <summary>A dead letter selected for replay, with what a list of results shows about it.</summary>
public sealed record ReplayTarget(string DeadLetterId, string TrackingId, string DocumentType, string DealerCode, string Delivery);
