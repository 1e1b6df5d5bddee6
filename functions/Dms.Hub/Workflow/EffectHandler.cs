using Dms.Hub.Storage;
using Dms.Hub.Work;

namespace Dms.Hub.Workflow;

/// <summary>Runs one document effect against the document as it stands now, then retires the work item.</summary>
internal sealed class EffectHandler(IDocumentStore store, DocumentEffects effects, DocumentCommitter committer) : IWorkHandler
{
    public const string EffectArgument = "effect";

    public string Kind => WorkKinds.Effect;

    public async Task<WorkOutcome> HandleAsync(WorkLease lease, CancellationToken cancellationToken)
    {
        var item = lease.Item;
        var changes = new ChangeSet(item.DealerCode);
        if (effects.Find(item.Arg(EffectArgument)) is not { } effect)
        {
            changes.DeadLetterWork = (lease, $"No document effect named '{item.Arg(EffectArgument)}'.");
        }
        else
        {
            if (item.DocumentType is { } type && item.TrackingId is { } trackingId
                && await store.GetAsync(item.DealerCode, type, trackingId, cancellationToken) is { } document)
            {
                await effect.ApplyAsync(document, cancellationToken);
            }

            changes.CompleteWork = lease;
        }

        return DocumentCommitter.OutcomeOf(await committer.CommitAsync(changes, cancellationToken), changes);
    }
}
