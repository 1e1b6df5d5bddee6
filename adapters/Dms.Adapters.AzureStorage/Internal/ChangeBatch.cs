using Azure;
using Azure.Data.Tables;
using Dms.Hub.Storage;

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

    public int Count => _operations.Count;

    public IEnumerable<TableTransactionAction> Actions => _operations.Select(o => o.Action);

    public Part PartAt(int index) => _operations[index].Part;

    public static ChangeBatch From(ChangeSet changes, string partition, DateTimeOffset now)
    {
        var batch = new ChangeBatch();
        if (changes.Document is { } document)
        {
            batch.DocumentIndex = batch.Count;
            var entity = DocumentRows.ToEntity(partition, document);
            batch.Add(Part.Document, document.ETag is null
                ? new TableTransactionAction(TableTransactionActionType.Add, entity)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, new ETag(document.ETag)));
        }

        if (changes.Document is { } changed)
        {
            batch.Add(Part.Marker, new(TableTransactionActionType.UpsertReplace, ChangeFeedRows.Marker(partition, changed)));
        }

        if (changes.Payload is { } payload)
        {
            batch.Add(Part.Payload, new(TableTransactionActionType.Add, DocumentRows.PayloadEntity(partition, payload)));
        }

        changes.Keys.ForEach(k => batch.Add(Part.Key, new(TableTransactionActionType.Add, KeyRows.ToEntity(partition, k))));
        changes.Notifications.ForEach(n => batch.Add(Part.Notification, new(TableTransactionActionType.Add, MailboxRows.ToEntity(partition, n))));
        changes.NewWork.ForEach(w => batch.Add(Part.NewWork, new(TableTransactionActionType.Add, WorkRows.ToEntity(partition, w))));

        if (changes.CompleteWork is { } done)
        {
            batch.Add(Part.Work, Delete(partition, RowKeys.Work(done.Item.Id), done.ETag));
        }

        if (changes.RescheduleWork is { } retry)
        {
            var item = retry.Lease.Item with { DueAt = retry.DueAt, LastError = retry.Reason, LeasedUntil = null };
            batch.Add(Part.Work, new(TableTransactionActionType.UpdateReplace, WorkRows.ToEntity(partition, item), new ETag(retry.Lease.ETag)));
        }

        if (changes.DeadLetterWork is { } dead)
        {
            batch.Add(Part.Work, Delete(partition, RowKeys.Work(dead.Lease.Item.Id), dead.Lease.ETag));
            batch.Add(Part.Work, new(TableTransactionActionType.Add, WorkRows.DeadLetterEntity(partition, dead.Lease.Item, dead.Reason, now)));
        }

        if (changes.ReplayedDeadLetter is { } replayed)
        {
            var entity = WorkRows.ReplayedEntity(partition, replayed);
            batch.Add(Part.Work, new(TableTransactionActionType.UpdateReplace, entity, entity.ETag));
        }

        return batch.Count <= 100 ? batch : throw new InvalidOperationException($"A change of {batch.Count} operations exceeds one table transaction.");
    }

    private static TableTransactionAction Delete(string partition, string rowKey, string etag) =>
        new(TableTransactionActionType.Delete, new TableEntity(partition, rowKey), new ETag(etag));

    private void Add(Part part, TableTransactionAction action) => _operations.Add((part, action));
}
