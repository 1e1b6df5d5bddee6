using Azure;
using Azure.Data.Tables;
using Dms.Hub.Storage;
using Dms.Hub.Work;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>A <see cref="ChangeSet"/> as one entity-group transaction (one partition, ≤ 100 operations).</summary>
internal sealed class ChangeBatch
{
    private readonly List<(Part Part, TableTransactionAction Action)> _operations = [];

    public enum Part
    {
        Document,
        Payload,
        Key,
        Notification,
        NewWork,
        Work,
        Marker,
    }

    public int DocumentIndex { get; private set; } = -1;

    /// <summary>Where each new work item and the rescheduled item sit in the batch, to read back their ETags.</summary>
    public List<int> NewWorkIndexes { get; } = [];

    public int RescheduleIndex { get; private set; } = -1;

    public int MarkerIndex { get; private set; } = -1;

    /// <summary>The operation whose row carries the change set's <see cref="ChangeSet.CommitToken"/>: the first that writes a row (-1: deletes only).</summary>
    public int TokenIndex { get; private set; } = -1;

    public int Count => _operations.Count;

    public IEnumerable<TableTransactionAction> Actions => _operations.Select(o => o.Action);

    public Part PartAt(int index) => _operations[index].Part;

    /// <summary>The keys of the row operation <paramref name="index"/> touches.</summary>
    public (string PartitionKey, string RowKey) KeysAt(int index) => (_operations[index].Action.Entity.PartitionKey, _operations[index].Action.Entity.RowKey);

    /// <param name="journaled">New work recorded in a <see cref="WorkJournal"/> of the caller's instead of a row each (left out here).</param>
    public static ChangeBatch From(ChangeSet changes, string partition, DateTimeOffset now, Func<WorkItem, bool>? journaled = null)
    {
        var batch = new ChangeBatch { _token = changes.CommitToken };
        if (changes.Document is { } document)
        {
            batch.DocumentIndex = batch.Count;
            var entity = DocumentRows.ToEntity(partition, document);
            batch._document = entity;
            // A merge where it leaves the same row as a replace: Azurite updates in place instead of remove + insert
            // (StoredColumns). The ETag condition is the same either way.
            batch.Add(Part.Document, document.ETag is null
                ? new TableTransactionAction(TableTransactionActionType.Add, entity)
                : new TableTransactionAction(StoredColumns.MergeEqualsReplace(document, entity) ? TableTransactionActionType.UpdateMerge : TableTransactionActionType.UpdateReplace, entity, new ETag(document.ETag)));
        }

        if (changes.Document is { } changed)
        {
            batch.MarkerIndex = batch.Count;
            // Merge, not replace: the marker always has the same four properties, so both leave the same row. Azurite
            // (LokiJS) replaces by a remove and an insert, and a remove walks both key indexes of the whole documents
            // table; a merge updates in place. On Azure both are one operation of the transaction.
            batch.Add(Part.Marker, new(TableTransactionActionType.UpsertMerge, ChangeFeedRows.Marker(partition, changed)));
        }

        if (changes.Payload is { } payload)
        {
            batch.Add(Part.Payload, new(TableTransactionActionType.Add, DocumentRows.PayloadEntity(partition, payload)));
        }

        changes.Keys.ForEach(k => batch.Add(Part.Key, new(TableTransactionActionType.Add, KeyRows.ToEntity(partition, k))));
        changes.Notifications.ForEach(n => batch.Add(Part.Notification, new(TableTransactionActionType.Add, MailboxRows.ToEntity(partition, n))));
        foreach (var work in changes.NewWork)
        {
            if (journaled?.Invoke(work) == true)
            {
                batch.NewWorkIndexes.Add(-1);
                continue;
            }

            batch.NewWorkIndexes.Add(batch.Count);
            batch.Add(Part.NewWork, new(TableTransactionActionType.Add, WorkRows.ToEntity(partition, work)));
        }

        // Work recorded in a journal has no row of its own: nothing to delete when it completes (the journal goes once
        // all its members have settled); a retry, a deferral or a dead letter adds the row it now needs.
        if (changes.CompleteWork is { Item.Journal: null } done)
        {
            batch.Add(Part.Work, Delete(partition, RowKeys.Work(done.Item.Id), done.ETag));
        }

        changes.AlsoCompleted.Where(w => w.Item.Journal is null).ToList().ForEach(w => batch.Add(Part.Work, Delete(partition, RowKeys.Work(w.Item.Id), w.ETag)));

        if (Rescheduled(changes) is { } rescheduled)
        {
            batch.RescheduleIndex = batch.Count;
            batch.Add(Part.Work, rescheduled.Journaled
                ? new TableTransactionAction(TableTransactionActionType.Add, WorkRows.ToEntity(partition, rescheduled.Item))
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, WorkRows.ToEntity(partition, rescheduled.Item), new ETag(rescheduled.ETag)));
        }

        if (changes.DeadLetterWork is { } dead)
        {
            if (dead.Lease.Item.Journal is null)
            {
                batch.Add(Part.Work, Delete(partition, RowKeys.Work(dead.Lease.Item.Id), dead.Lease.ETag));
            }

            batch.Add(Part.Work, new(TableTransactionActionType.Add, WorkRows.DeadLetterEntity(partition, dead.Lease.Item with { Journal = null }, dead.Reason, now)));
        }

        if (changes.ReplayedDeadLetter is { } replayed)
        {
            var entity = WorkRows.ReplayedEntity(partition, replayed);
            batch.Add(Part.Work, new(TableTransactionActionType.UpdateReplace, entity, entity.ETag));
        }

        return batch.Count <= 100 ? batch : throw new InvalidOperationException($"A change of {batch.Count} operations exceeds one table transaction.");
    }

    /// <summary>
    /// Puts the ETags the committed transaction returned (<paramref name="etagAt"/>: by this batch's own operation index)
    /// on the change set — the document, the read-model marker, the new work and the rescheduled item — so later steps
    /// write under them without reading back.
    /// </summary>
    public void Stamp(ChangeSet changes, Func<int, string?> etagAt)
    {
        if (changes.Document is { } document && DocumentIndex >= 0)
        {
            document.ETag = etagAt(DocumentIndex);
            StoredColumns.Remember(document, _document!, document.ETag);
        }

        changes.MarkerETag = MarkerIndex >= 0 ? etagAt(MarkerIndex) : null;
        for (var i = 0; i < NewWorkIndexes.Count; i++)
        {
            if (NewWorkIndexes[i] >= 0)
            {
                changes.NewWork[i] = changes.NewWork[i] with { ETag = etagAt(NewWorkIndexes[i]) };
            }
        }

        if (Rescheduled(changes) is { } rescheduled && RescheduleIndex >= 0)
        {
            changes.Rescheduled = rescheduled.Item with { ETag = etagAt(RescheduleIndex) };
        }
    }

    /// <summary>
    /// The leased item as it waits for its next run: after a failed attempt (the attempt stays counted, its error
    /// kept) or a deferral (no attempt was made: the count the lease took is given back, the last error kept).
    /// </summary>
    /// <remarks><c>Journaled</c>: the item had no row of its own (<see cref="WorkItem.Journal"/>), so it is added now.</remarks>
    public static (WorkItem Item, string ETag, bool Journaled)? Rescheduled(ChangeSet changes) => (changes.RescheduleWork, changes.DeferWork) switch
    {
        ({ } retry, _) => (retry.Lease.Item with { DueAt = retry.DueAt, LastError = retry.Reason, LeasedUntil = null, Journal = null }, retry.Lease.ETag, retry.Lease.Item.Journal is not null),
        (_, { } defer) => (defer.Lease.Item with { DueAt = defer.DueAt, Attempt = Math.Max(0, defer.Lease.Attempt - 1), LeasedUntil = null, Journal = null }, defer.Lease.ETag, defer.Lease.Item.Journal is not null),
        _ => null,
    };

    private static TableTransactionAction Delete(string partition, string rowKey, string etag) =>
        new(TableTransactionActionType.Delete, new TableEntity(partition, rowKey), new ETag(etag));

    private string _token = "";

    // The document's row as this batch writes it (its columns are what the row holds once the batch committed).
    private TableEntity? _document;

    private void Add(Part part, TableTransactionAction action)
    {
        if (TokenIndex < 0 && action.ActionType != TableTransactionActionType.Delete && action.Entity is TableEntity entity)
        {
            entity[CommitLanding.TokenColumn] = _token;
            TokenIndex = Count;
        }

        _operations.Add((part, action));
    }
}
