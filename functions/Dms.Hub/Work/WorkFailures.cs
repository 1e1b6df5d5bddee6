using System.Text.Json.Nodes;
using Dms.Hub.Storage;
using Dms.Hub.Workflow;

namespace Dms.Hub.Work;

/// <summary>
/// Settles leased work that failed outside its handler's own decisions: a retry after an exception, or a dead letter
/// (the poison guard, the transport giving up, a handler giving up). A dead letter is told to the work's document in
/// the same commit — a delivery shows DeadLettered, other work a timeline entry — so dealers and operators see it.
/// </summary>
public sealed class WorkFailures(DocumentCommitter committer, DocumentWorkflow workflow)
{
    public async Task<WorkOutcome> RescheduleAsync(WorkLease lease, DateTimeOffset due, string reason, CancellationToken cancellationToken)
    {
        var changes = new ChangeSet(lease.Item.DealerCode) { RescheduleWork = (lease, due, reason) };
        return DocumentCommitter.OutcomeOf(await committer.CommitAsync(changes, cancellationToken), changes);
    }

    /// <param name="handler">The work's handler, which may say how its document shows the dead letter.</param>
    public async Task<WorkOutcome> DeadLetterAsync(WorkLease lease, string reason, IWorkHandler? handler, CancellationToken cancellationToken)
    {
        var item = lease.Item;
        if (item is not { TrackingId: { } trackingId, DocumentType: { } documentType })
        {
            var bare = new ChangeSet(item.DealerCode) { DeadLetterWork = (lease, reason) };
            return DocumentCommitter.OutcomeOf(await committer.CommitAsync(bare, cancellationToken), bare);
        }

        var (result, changes) = await committer.UpdateAsync(new DocumentKey(item.DealerCode, documentType, trackingId), null, document =>
        {
            var changes = new ChangeSet(item.DealerCode) { DeadLetterWork = (lease, reason) };
            if (document is not null)
            {
                changes.Document = document;
                if (handler?.RecordDeadLetter(document, lease, reason, changes) != true)
                {
                    workflow.Record(document, "WorkDeadLettered", Actor.System(item.CorrelationId), new JsonObject { ["work"] = item.Kind, ["reason"] = reason });
                }
            }

            return changes;
        }, cancellationToken);
        return DocumentCommitter.OutcomeOf(result, changes);
    }
}
