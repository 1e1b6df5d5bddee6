using Dms.Hub.Insights;
using Dms.Hub.Intake;
using Dms.Hub.Storage;
using Dms.Hub.Work;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Workflow;

/// <summary>
/// Read → plan → commit under the document's ETag, re-planning on a concurrent change (optimistic concurrency:
/// no lost update, no illegal transition). What is derived from the document (summary fields, alert timers) is
/// brought up to date in the same commit. Committed work is dispatched at once, and the console's projector is told
/// about the changed document (the change feed marker committed with it makes sure it learns anyway).
/// </summary>
public sealed class DocumentCommitter(IDocumentStore store, IWorkDispatcher dispatcher, DocumentDerivations derivations, ChangeSignal signal, IOptions<IntakeOptions> options)
{
    private readonly int _maxRetries = options.Value.MaxConcurrencyRetries;

    /// <param name="loaded">A copy already read, used for the first attempt.</param>
    /// <param name="plan">Builds the change from a fresh copy (null when the document is missing); null means nothing to do.</param>
    public Task<(CommitResult Result, ChangeSet? Changes)> UpdateAsync(
        DocumentKey key, DocumentRecord? loaded, Func<DocumentRecord?, ChangeSet?> plan, CancellationToken cancellationToken) =>
        UpdateAsync(key, loaded, document => ValueTask.FromResult(plan(document)), cancellationToken);

    /// <inheritdoc cref="UpdateAsync(DocumentKey, DocumentRecord?, Func{DocumentRecord?, ChangeSet?}, CancellationToken)"/>
    public async Task<(CommitResult Result, ChangeSet? Changes)> UpdateAsync(
        DocumentKey key, DocumentRecord? loaded, Func<DocumentRecord?, ValueTask<ChangeSet?>> plan, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < _maxRetries; attempt++)
        {
            var document = attempt == 0 && loaded is not null
                ? loaded
                : await store.GetAsync(key.DealerCode, key.DocumentType, key.TrackingId, cancellationToken);
            var changes = await plan(document);
            if (changes is null)
            {
                return (CommitResult.Committed, null);
            }

            var result = await CommitAsync(changes, cancellationToken);
            if (result != CommitResult.DocumentConflict)
            {
                return (result, changes);
            }
        }

        throw new DocumentBusyException();
    }

    public async Task<CommitResult> CommitAsync(ChangeSet changes, CancellationToken cancellationToken)
    {
        derivations.Prepare(changes);
        var result = await store.CommitAsync(changes, cancellationToken);
        if (result == CommitResult.Committed && changes.Document is { } document)
        {
            signal.Changed(new DocumentKey(document.DealerCode, document.DocumentType, document.TrackingId));
        }

        if (result == CommitResult.Committed && changes.NewWork.Count > 0)
        {
            await dispatcher.DispatchAsync(changes.NewWork, cancellationToken);
        }

        return result;
    }

    /// <summary>The work outcome a committed change set reports for its lease.</summary>
    public static WorkOutcome OutcomeOf(CommitResult result, ChangeSet? changes) => result switch
    {
        CommitResult.Committed when changes?.RescheduleWork is { } r => new WorkOutcome(WorkOutcomeKind.Rescheduled, r.DueAt, r.Reason),
        CommitResult.Committed when changes?.DeadLetterWork is { } d => new WorkOutcome(WorkOutcomeKind.DeadLettered, null, d.Reason),
        CommitResult.Committed => WorkOutcome.Completed,
        _ => WorkOutcome.Gone,
    };
}
