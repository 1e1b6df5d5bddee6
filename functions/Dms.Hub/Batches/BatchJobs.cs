using Dms.Hub.Dealers;
using Dms.Hub.Work;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Batches;

/// <summary>Builds the context of a slice: the batch's target, dealer, format and budget; and the policy a target gets.</summary>
public sealed class BatchJobs(BatchTargets targets, DealerDirectory dealers, IEnumerable<IBatchFormat> formats, IOptions<BatchOptions> options, IOptions<WorkOptions> work, TimeProvider clock)
{
    public IReadOnlyList<IBatchFormat> Formats { get; } = formats.ToList();

    public BatchOptions Options => options.Value;

    /// <summary>A third of the lease: a slice never outlives it, so a second runner never finds it abandoned.</summary>
    public TimeSpan Budget => TimeSpan.FromSeconds(Math.Max(1, work.Value.LeaseSeconds / 3.0));

    public async Task<BatchJob?> ForAsync(BatchRecord batch, CancellationToken cancellationToken)
    {
        var format = Formats.FirstOrDefault(f => f.Name == batch.Format);
        var dealer = await dealers.GetDealerAsync(batch.DealerCode, cancellationToken);
        var target = targets.Find(batch.DocumentType);
        return format is null || dealer is null || target is null
            ? null
            : new BatchJob(batch, target, dealer, format, clock, Budget, options.Value);
    }

    /// <summary>Configured per target; otherwise the target's own default.</summary>
    public BatchPolicy PolicyFor(IBatchTarget target) =>
        options.Value.Policies.TryGetValue(target.Name, out var configured) ? configured : target.DefaultPolicy;
}
