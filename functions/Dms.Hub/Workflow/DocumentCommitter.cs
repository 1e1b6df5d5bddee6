using Dms.Hub.Intake;
using Dms.Hub.Storage;
using Dms.Hub.Work;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Workflow;

/// <summary>
/// Read → plan → commit under the document's ETag, re-planning on a concurrent change (optimistic concurrency:
/// no lost update, no illegal transition). What is derived from the document (summary fields, alert timers) is
/// brought up to date in the same commit. Committed work is dispatched at once; committed and read documents are
/// kept in the <see cref="DocumentCache"/> for the document's next step; the console's projector is told about the
/// changed document (the change feed marker committed in the same batch makes sure it learns anyway).
/// </summary>
public sealed partial class DocumentCommitter(
    IDocumentStore store, IWorkDispatcher dispatcher, DocumentDerivations derivations, DocumentCache cache, DocumentGate gate, WorkCompletions completions,
    Insights.ChangeSignal signal, IOptions<IntakeOptions> options, ILogger<DocumentCommitter> logger)
{
    private readonly int _maxRetries = options.Value.MaxConcurrencyRetries;

    /// <param name="loaded">A copy already read, used for the first attempt (this process's cached copy instead when that is newer).</param>
    /// <param name="plan">Builds the change from a fresh copy (null when the document is missing); null means nothing to do.</param>
    public Task<(CommitResult Result, ChangeSet? Changes)> UpdateAsync(
        DocumentKey key, DocumentRecord? loaded, Func<DocumentRecord?, ChangeSet?> plan, CancellationToken cancellationToken) =>
        UpdateAsync(key, loaded, document => ValueTask.FromResult(plan(document)), cancellationToken);

    /// <inheritdoc cref="UpdateAsync(DocumentKey, DocumentRecord?, Func{DocumentRecord?, ChangeSet?}, CancellationToken)"/>
    public Task<(CommitResult Result, ChangeSet? Changes)> UpdateAsync(
        DocumentKey key, DocumentRecord? loaded, Func<DocumentRecord?, ValueTask<ChangeSet?>> plan, CancellationToken cancellationToken) =>
        UpdateCoreAsync(key, loaded, plan, cancellationToken);

    /// <summary>
    /// As <see cref="UpdateAsync(DocumentKey, DocumentRecord?, Func{DocumentRecord?, ChangeSet?}, CancellationToken)"/>,
    /// planning first on this process's cached copy when it has one. The commit checks the copy's ETag; a plan that
    /// finds nothing to do (or refuses) on the copy is planned again on the stored version, so
    /// <paramref name="plan"/> must not keep state from a call that returned null.
    /// </summary>
    public Task<(CommitResult Result, ChangeSet? Changes)> UpdateCachedAsync(DocumentKey key, Func<DocumentRecord?, ChangeSet?> plan, CancellationToken cancellationToken) =>
        UpdateCachedAsync(key, document => ValueTask.FromResult(plan(document)), cancellationToken);

    /// <inheritdoc cref="UpdateCachedAsync(DocumentKey, Func{DocumentRecord?, ChangeSet?}, CancellationToken)"/>
    public Task<(CommitResult Result, ChangeSet? Changes)> UpdateCachedAsync(DocumentKey key, Func<DocumentRecord?, ValueTask<ChangeSet?>> plan, CancellationToken cancellationToken) =>
        UpdateCoreAsync(key, null, plan, cancellationToken, cached: true);

    /// <summary>This process's copy of the document if it has a recent one (<c>Cached</c>), otherwise the stored version.</summary>
    public async Task<(DocumentRecord? Document, bool Cached)> LoadAsync(DocumentKey key, CancellationToken cancellationToken) =>
        cache.Get(key) is { } copy ? (copy, true) : (await ReadAsync(key, cancellationToken), false);

    /// <summary>The stored version (kept in the cache for the document's next step).</summary>
    public async Task<DocumentRecord?> ReadAsync(DocumentKey key, CancellationToken cancellationToken)
    {
        var document = await store.GetAsync(key.DealerCode, key.DocumentType, key.TrackingId, cancellationToken);
        if (document is not null)
        {
            cache.Put(document);
        }

        return document;
    }

    public async Task<CommitResult> CommitAsync(ChangeSet changes, CancellationToken cancellationToken)
    {
        if (changes.CompletesOnly && changes.CompleteWork!.Item.Journal is not null)
        {
            // Recorded in a journal, no row of its own: nothing to delete (the journal goes when all its work has settled).
            return CommitResult.Committed;
        }

        if (changes.CompletesOnly && completions.Enabled)
        {
            // Only the item's own row left to delete: deleted shortly with others of the partition (WorkCompletions).
            completions.Add(changes.DealerCode, changes.CompleteWork!);
            return CommitResult.Committed;
        }

        Prepare(changes);
        CommitResult result;
        try
        {
            result = await StoreAsync(changes, cancellationToken);
        }
        catch
        {
            await DispatchDoubtfulAsync(changes.NewWork);
            throw;
        }

        if (result == CommitResult.Committed)
        {
            Committed(changes);
            if (changes.NewWork.Count > 0)
            {
                await dispatcher.DispatchAsync(changes.NewWork, cancellationToken);
            }
        }
        else
        {
            await DispatchDoubtfulAsync(changes.NewWork);
        }

        return result;
    }

    /// <summary>
    /// The new work of a commit whose fate is unknown — it threw (a timeout after storage may have applied it) or was
    /// refused in a way a landed first send can also cause when its token row moved on since — is sent anyway: the
    /// store recognises its own lost answer (<c>CommitToken</c>), but not in every case. A message for work that never
    /// landed, or is already done, finds no row and is dropped (one read); work that landed, leased to this process at
    /// birth, waits out that lease and runs — instead of waiting for the recovery sweep, minutes later under load.
    /// </summary>
    internal async Task DispatchDoubtfulAsync(List<WorkItem> doubtful)
    {
        if (doubtful.Count > 0)
        {
            LogDoubtful(logger, doubtful.Count);
            // Not the caller's token: its request may be what was cancelled, the work may still be stored.
            await dispatcher.DispatchAsync([.. doubtful.Select(w => w with { ETag = null })], CancellationToken.None);
        }
    }

    // Alone, or with other documents of the partition when the caller runs many steps together (CommitGroup).
    private Task<CommitResult> StoreAsync(ChangeSet changes, CancellationToken cancellationToken) =>
        CommitGroup.Current is { } group ? group.CommitAsync(changes, cancellationToken) : store.CommitAsync(changes, cancellationToken);

    /// <summary>Before a commit: what is derived from the document, and the new work shaped for its dispatcher.</summary>
    internal void Prepare(ChangeSet changes)
    {
        derivations.Prepare(changes);
        for (var i = 0; i < changes.NewWork.Count; i++)
        {
            changes.NewWork[i] = dispatcher.Prepare(changes.NewWork[i]);
        }
    }

    /// <summary>After a commit: the document kept for its next step and the console's projector told (work is dispatched by the caller).</summary>
    internal void Committed(ChangeSet changes)
    {
        if (changes.Document is { } document)
        {
            // Serialized once: the cache's copy and the projector's snapshot of what was committed.
            var snapshot = cache.Put(document);
            signal.Changed(new Insights.ChangeNudge(new DocumentKey(document.DealerCode, document.DocumentType, document.TrackingId), document.Revision, changes.MarkerETag, snapshot));
        }
    }

    // Planned and committed in the document's turn (DocumentGate): a step racing another step of this process on the
    // same document plans on the copy the other one committed. The copy is taken in the turn; new work is dispatched
    // after it.
    private async Task<(CommitResult Result, ChangeSet? Changes)> UpdateCoreAsync(
        DocumentKey key, DocumentRecord? loaded, Func<DocumentRecord?, ValueTask<ChangeSet?>> plan, CancellationToken cancellationToken, bool cached = false)
    {
        List<WorkItem> doubtful = [];
        CommitResult result;
        ChangeSet? changes;
        try
        {
            (result, changes) = await gate.RunAsync<(CommitResult, ChangeSet?)>(key.TrackingId, () => CommitInTurnAsync(key, loaded, plan, cached, doubtful, cancellationToken), cancellationToken);
        }
        finally
        {
            // Sent outside the document's turn, as committed work is.
            await DispatchDoubtfulAsync(doubtful);
        }

        if (result == CommitResult.Committed && changes is { NewWork.Count: > 0 })
        {
            await dispatcher.DispatchAsync(changes.NewWork, cancellationToken);
        }

        return (result, changes);
    }

    private async Task<(CommitResult, ChangeSet?)> CommitInTurnAsync(
        DocumentKey key, DocumentRecord? loaded, Func<DocumentRecord?, ValueTask<ChangeSet?>> plan, bool cached, List<WorkItem> doubtful, CancellationToken cancellationToken)
    {
        var first = (cached || loaded is not null) && cache.Get(key) is { } copy && (cached || copy.Revision > loaded!.Revision) ? copy : loaded;
        for (var attempt = 0; attempt < _maxRetries; attempt++)
        {
            var fromCache = attempt == 0 && cached && first is not null;
            var document = attempt == 0 && first is not null ? first : await ReadAsync(key, cancellationToken);
            var changes = await plan(document);
            if (changes is null && fromCache)
            {
                // Nothing to do, or a refusal, decided on a copy that may be stale: decide on the stored version.
                changes = await plan(await ReadAsync(key, cancellationToken));
            }

            if (changes is null)
            {
                return (CommitResult.Committed, null);
            }

            Prepare(changes);
            CommitResult result;
            try
            {
                result = await StoreAsync(changes, cancellationToken);
            }
            catch
            {
                doubtful.AddRange(changes.NewWork);
                throw;
            }

            if (result == CommitResult.Committed)
            {
                Committed(changes);
            }
            else
            {
                doubtful.AddRange(changes.NewWork);
            }

            if (result != CommitResult.DocumentConflict)
            {
                return (result, changes);
            }
        }

        throw new DocumentBusyException();
    }

    /// <summary>The work outcome a committed change set reports for its lease.</summary>
    public static WorkOutcome OutcomeOf(CommitResult result, ChangeSet? changes) => result switch
    {
        CommitResult.Committed when changes?.RescheduleWork is { } r => new WorkOutcome(WorkOutcomeKind.Rescheduled, r.DueAt, r.Reason, Item: changes.Rescheduled),
        CommitResult.Committed when changes?.DeferWork is { } w => new WorkOutcome(WorkOutcomeKind.Deferred, w.DueAt, w.Reason, w.Lease.Attempt - 1, changes.Rescheduled),
        CommitResult.Committed when changes?.DeadLetterWork is { } d => new WorkOutcome(WorkOutcomeKind.DeadLettered, null, d.Reason),
        CommitResult.Committed => WorkOutcome.Completed,
        _ => WorkOutcome.Gone,
    };

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "Sent {Count} work message(s) of a commit that failed or was refused, in case it had been applied")]
    private static partial void LogDoubtful(ILogger logger, int count);
}
