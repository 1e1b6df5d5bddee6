using Dms.Hub.Registry;
using Dms.Hub.Storage;
using Dms.Hub.Work;
using Dms.Hub.Workflow;

namespace Dms.Hub.Alerts;

/// <summary>
/// A durable timer came due. An alert rule's timer evaluates its rule on the document as it stands now, raises the
/// alert if the condition is breached and clears it otherwise: the evaluation, not the timer, decides — a timer left
/// over from an earlier condition finds nothing to do. A summary field's timer re-commits the document, so the field
/// (an overdue flag) is computed again at the time it changes.
/// </summary>
internal sealed class TimerHandler(IDocumentStore store, DocumentCommitter committer, DocumentTypeRegistry types, BusinessAlerts alerts, TimeProvider clock) : IWorkHandler
{
    public string Kind => WorkKinds.Timer;

    public async Task<WorkOutcome> HandleAsync(WorkLease lease, CancellationToken cancellationToken)
    {
        var item = lease.Item;
        var document = item.TrackingId is null ? null : await store.GetAsync(item.DealerCode, item.DocumentType!, item.TrackingId, cancellationToken);
        var type = document is not null && types.TryGet(document.DocumentType, out var known) ? known : null;
        if (document is not null && type is not null && item.Arg("field") is { } field && type.SummaryFields.Any(f => f.Name == field))
        {
            var key = new DocumentKey(document.DealerCode, document.DocumentType, document.TrackingId);
            var (result, changes) = await committer.UpdateAsync(key, document, fresh => new ChangeSet(item.DealerCode) { Document = fresh, CompleteWork = lease }, cancellationToken);
            return DocumentCommitter.OutcomeOf(result, changes);
        }

        var rule = type?.AlertRules.FirstOrDefault(r => r.Code == item.Arg("rule"));
        if (document is not null && rule is not null)
        {
            if (rule.Evaluate(document) is { } condition && condition.DueAt <= clock.GetUtcNow())
            {
                await alerts.RaiseAsync(document, rule, condition, cancellationToken);
            }
            else
            {
                await alerts.ClearAsync(document, rule, cancellationToken);
            }
        }

        var done = new ChangeSet(item.DealerCode) { CompleteWork = lease };
        return DocumentCommitter.OutcomeOf(await committer.CommitAsync(done, cancellationToken), done);
    }
}
