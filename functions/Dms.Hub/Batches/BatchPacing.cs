using Dms.Hub.Storage;
using Dms.Hub.Workflow;

namespace Dms.Hub.Batches;

/// <summary>Whether an import should wait for the hub to catch up with the documents it made last.</summary>
internal sealed class BatchPacing(IDocumentStore documents)
{
    public async Task<bool> ShouldWaitAsync(BatchJob job, CancellationToken cancellationToken)
    {
        var batch = job.Record;
        if (batch.LastImported is not { } last || job.Now - batch.UpdatedAt >= TimeSpan.FromSeconds(job.Options.MaxDeliveryLagSeconds))
        {
            return false;
        }

        var document = await documents.GetAsync(batch.DealerCode, batch.DocumentType, last, cancellationToken);
        return document is not null && !CaughtUp(document);
    }

    /// <summary>Routed, and no delivery still pending (delivered, failed for good or dead-lettered), or not routable at all.</summary>
    private static bool CaughtUp(DocumentRecord document) =>
        document.Timeline.Any(e => e.Event == "RoutingFailed")
        || (document.Timeline.Any(e => e.Event == "Routed") && document.Deliveries.All(d => d.Status != DeliveryStatus.Pending));
}
