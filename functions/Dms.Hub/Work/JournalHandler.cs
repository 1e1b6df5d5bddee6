using Dms.Hub.Storage;
using Dms.Hub.Workflow;

namespace Dms.Hub.Work;

/// <summary>
/// A <see cref="WorkJournal"/> the recovery sweep found after its lease ended (the process that wrote it stopped, or
/// one of its members could not be settled): every member gets a row of its own — with its first attempt counted, as
/// it was at birth — and the journal is deleted, in one commit; the members then run as any work does.
/// </summary>
internal sealed class JournalHandler(DocumentCommitter committer) : IWorkHandler
{
    public string Kind => WorkKinds.Journal;

    // Journals are written only with work claimed at birth, which a durable transport (the Functions host's) never does.
    public bool LocalOnly => true;

    public async Task<WorkOutcome> HandleAsync(WorkLease lease, CancellationToken cancellationToken)
    {
        var members = WorkJournal.Members(lease.Item).Select(m => m with { LeasedUntil = null }).ToList();
        var changes = new ChangeSet(lease.Item.DealerCode) { CompleteWork = lease };
        changes.NewWork.AddRange(members);
        var result = await committer.CommitAsync(changes, cancellationToken);
        if (result != CommitResult.WorkConflict)
        {
            return DocumentCommitter.OutcomeOf(result, changes);
        }

        // A member has a row already (it was retried or deferred before the journal could be deleted): each alone, a
        // row that exists is left as it is, then the journal goes.
        foreach (var member in members)
        {
            var one = new ChangeSet(lease.Item.DealerCode);
            one.NewWork.Add(member);
            await committer.CommitAsync(one, cancellationToken);
        }

        var done = new ChangeSet(lease.Item.DealerCode) { CompleteWork = lease };
        return DocumentCommitter.OutcomeOf(await committer.CommitAsync(done, cancellationToken), done);
    }
}
