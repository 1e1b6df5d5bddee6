using Dms.Hub.Storage;
using Dms.Hub.Workflow;

namespace Dms.Hub.Batches;

/// <summary>Whether an import should wait for the hub to catch up with the documents it made last.</summary>
/// <remarks>
/// Two signals, both cheap: the previous slice's first new document has not been routed and delivered yet (one point
/// read), or the dealer's partition still holds more due work than <see cref="BatchOptions.MaxDueWork"/> (one
/// query, stopped at that count) — deliveries, but also what documents cause besides (effects, sales rollups),
/// which a delivery says nothing about. Work that waits long loses its claim at birth and costs a lease of its own, so
/// an import that outruns its work makes every row dearer. After <see cref="BatchOptions.MaxDeliveryLagSeconds"/>
/// without progress the import goes on anyway (a slow or unreachable OEM must not stop a file for good).
/// </remarks>
internal sealed class BatchPacing(IDocumentStore documents, IWorkStore work)
{
    public async Task<bool> ShouldWaitAsync(BatchJob job, CancellationToken cancellationToken)
    {
        var batch = job.Record;
        if (batch.LastImported is not { } last || job.Now - batch.UpdatedAt >= TimeSpan.FromSeconds(job.Options.MaxDeliveryLagSeconds))
        {
            return false;
        }

        var document = await documents.GetAsync(batch.DealerCode, batch.DocumentType, last, cancellationToken);
        return (document is not null && !CaughtUp(document))
            || await work.CountDueAsync(batch.DealerCode, job.Now, job.Options.MaxDueWork, cancellationToken) >= job.Options.MaxDueWork;
    }

    /// <summary>Routed, and no delivery still pending (delivered, failed for good or dead-lettered), or not routable at all.</summary>
    private static bool CaughtUp(DocumentRecord document) =>
        document.Timeline.Any(e => e.Event == "RoutingFailed")
        || (document.Timeline.Any(e => e.Event == "Routed") && document.Deliveries.All(d => d.Status != DeliveryStatus.Pending));
}
