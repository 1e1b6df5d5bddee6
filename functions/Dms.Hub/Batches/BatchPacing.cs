using Dms.Hub.Storage;
using Dms.Hub.Work;
using Dms.Hub.Workflow;

namespace Dms.Hub.Batches;

/// <summary>Whether an import should wait for the hub to catch up with the documents it made last.</summary>
/// <remarks>
/// Three signals, all cheap: the console's projector in this process is far behind (counted in memory), the previous
/// slice's first new document has not been routed and delivered yet (one point read), or more work is due than <see cref="BatchOptions.MaxDueWork"/> — deliveries, but also what documents cause
/// besides (effects, sales rollups), which a delivery says nothing about. The backlog is counted where it is cheapest:
/// in memory when the work runs here over the in-memory transport (all of the hub's due work, which a file should not
/// crowd out either), otherwise in storage (the dealer's partition: one query, stopped at that count — a range query
/// Azure answers from its index but Azurite by scanning the whole table, every time the import looks). Work that
/// waits long loses its claim at birth and costs a lease of its own, so an import that outruns its work makes every
/// row dearer. After <see cref="BatchOptions.MaxDeliveryLagSeconds"/>
/// without progress the import goes on anyway (a slow or unreachable OEM must not stop a file for good).
/// </remarks>
internal sealed class BatchPacing(IDocumentStore documents, IWorkStore work, IWorkTransport transport, Insights.ChangeSignal projector)
{
    public async Task<bool> ShouldWaitAsync(BatchJob job, CancellationToken cancellationToken)
    {
        var batch = job.Record;
        if (batch.LastImported is not { } last || job.Now - batch.UpdatedAt >= TimeSpan.FromSeconds(job.Options.MaxDeliveryLagSeconds))
        {
            return false;
        }

        if (projector.Backlog >= job.Options.MaxProjectorBacklog)
        {
            return true;
        }

        var document = await documents.GetAsync(batch.DealerCode, batch.DocumentType, last, cancellationToken);
        var most = job.Options.MaxDueWork;
        return (document is not null && !CaughtUp(document))
            || (transport.CountDue(job.Now, most) ?? await work.CountDueAsync(batch.DealerCode, job.Now, most, cancellationToken)) >= most;
    }

    /// <summary>Routed, and no delivery still pending (delivered, failed for good or dead-lettered), or not routable at all.</summary>
    private static bool CaughtUp(DocumentRecord document) =>
        document.Timeline.Any(e => e.Event == "RoutingFailed")
        || (document.Timeline.Any(e => e.Event == "Routed") && document.Deliveries.All(d => d.Status != DeliveryStatus.Pending));
}
