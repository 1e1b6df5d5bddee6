using Dms.Hub.Registry;
using Dms.Hub.Storage;
using Dms.Hub.Work;
using Dms.Hub.Workflow;

namespace Dms.Hub.Alerts;

/// <summary>
/// A durable timer came due. An alert rule's timer evaluates its rule on the document as it stands now, raises the
/// alert if the condition is breached and clears it otherwise: the evaluation, not the timer, decides — a timer left
/// over from an earlier condition finds nothing to do. A summary field's timer re-commits the document, so the field
/// (an overdue flag) is computed again at the time it changes. A subject timer (<see cref="ISubjectTimer"/>) runs its
/// subject's own logic and chains its successors.
/// </summary>
internal sealed class TimerHandler(
    IDocumentStore store,
    DocumentCommitter committer,
    DocumentTypeRegistry types,
    BusinessAlerts alerts,
    IEnumerable<ISubjectTimer> subjectTimers,
    TimeProvider clock) : IWorkHandler
{
    public string Kind => WorkKinds.Timer;

    public async Task<WorkOutcome> HandleAsync(WorkLease lease, CancellationToken cancellationToken)
    {
        var item = lease.Item;
        if (item.Arg(ISubjectTimer.Argument) is { } name)
        {
            return await RunSubjectTimerAsync(lease, name, cancellationToken);
        }

        var type = item.DocumentType is not null && types.TryGet(item.DocumentType, out var known) ? known : null;
        if (item.TrackingId is not null && type is not null && item.Arg("field") is { } field && type.SummaryFields.Any(f => f.Name == field))
        {
            // A re-commit under the ETag: planned on this process's copy when it has one (a stale copy fails the commit).
            var key = new DocumentKey(item.DealerCode, type.Name, item.TrackingId);
            var (result, changes) = await committer.UpdateCachedAsync(key, fresh => fresh is null ? null : new ChangeSet(item.DealerCode) { Document = fresh, CompleteWork = lease }, cancellationToken);
            if (changes is not null)
            {
                return DocumentCommitter.OutcomeOf(result, changes);
            }
        }

        // An alert rule decides on the stored version: a copy another instance has moved past could raise or clear wrongly.
        var rule = type?.AlertRules.FirstOrDefault(r => r.Code == item.Arg("rule"));
        if (rule is not null && item.TrackingId is not null && await store.GetAsync(item.DealerCode, item.DocumentType!, item.TrackingId, cancellationToken) is { } document)
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

    private async Task<WorkOutcome> RunSubjectTimerAsync(WorkLease lease, string name, CancellationToken cancellationToken)
    {
        var changes = new ChangeSet(lease.Item.DealerCode);
        if (subjectTimers.FirstOrDefault(t => t.Name == name) is not { } timer)
        {
            changes.DeadLetterWork = (lease, $"No subject timer named '{name}'.");
        }
        else
        {
            changes.NewWork.AddRange(await timer.RunAsync(lease.Item, cancellationToken));
            changes.CompleteWork = lease;
        }

        return DocumentCommitter.OutcomeOf(await committer.CommitAsync(changes, cancellationToken), changes);
    }
}
