using Dms.Hub.Dealers;
using Dms.Hub.PeriodicReports;
using Dms.Hub.Registry;
using Dms.Hub.Work;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Batches;

/// <summary>Builds the context of a slice: the batch's document type, dealer, format and budget; and the policy a type gets.</summary>
public sealed class BatchJobs(DocumentTypeRegistry types, DealerDirectory dealers, IEnumerable<IBatchFormat> formats, IOptions<BatchOptions> options, IOptions<WorkOptions> work, TimeProvider clock)
{
    public IReadOnlyList<IBatchFormat> Formats { get; } = formats.ToList();

    public BatchOptions Options => options.Value;

    /// <summary>A third of the lease: a slice never outlives it, so a second runner never finds it abandoned.</summary>
    public TimeSpan Budget => TimeSpan.FromSeconds(Math.Max(1, work.Value.LeaseSeconds / 3.0));

    public async Task<BatchJob?> ForAsync(BatchRecord batch, CancellationToken cancellationToken)
    {
        var format = Formats.FirstOrDefault(f => f.Name == batch.Format);
        var dealer = await dealers.GetDealerAsync(batch.DealerCode, cancellationToken);
        return format is null || dealer is null
            ? null
            : new BatchJob(batch, types.Get(batch.DocumentType), dealer, format, clock, Budget, options.Value);
    }

    /// <summary>Configured per type; otherwise valid rows of RDR files go in, and a periodic report file is partial only where its kind allows.</summary>
    public BatchPolicy PolicyFor(DocumentType type) =>
        options.Value.Policies.TryGetValue(type.Name, out var configured) ? configured
        : type is IPeriodicReportType report ? (report.AllowsPartial ? BatchPolicy.AcceptValidRows : BatchPolicy.RejectFile)
        : BatchPolicy.AcceptValidRows;
}
