using Dms.Hub.Registry;
using Dms.Hub.Storage;
using Dms.Hub.Work;
using Dms.Hub.Workflow;

namespace Dms.Hub.Alerts;

/// <summary>
/// A durable timer came due: evaluate its alert rule on the document as it stands now, raise the alert if the
/// condition is breached, clear it otherwise. The evaluation, not the timer, decides — a timer left over from an
/// earlier condition finds nothing to do.
/// </summary>
internal sealed class TimerHandler(IDocumentStore store, DocumentCommitter committer, DocumentTypeRegistry types, BusinessAlerts alerts, TimeProvider clock) : IWorkHandler
{
    public string Kind => WorkKinds.Timer;

    public async Task<WorkOutcome> HandleAsync(WorkLease lease, CancellationToken cancellationToken)
    {
        var item = lease.Item;
        var document = item.TrackingId is null ? null : await store.GetAsync(item.DealerCode, item.DocumentType!, item.TrackingId, cancellationToken);
        var rule = document is not null && types.TryGet(document.DocumentType, out var type)
            ? type.AlertRules.FirstOrDefault(r => r.Code == item.Arg("rule"))
            : null;
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
