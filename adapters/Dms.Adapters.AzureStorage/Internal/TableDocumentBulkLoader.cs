using Azure.Data.Tables;
using Dms.Hub.Intake;
using Dms.Hub.Registry;
using Dms.Hub.Storage;
using Dms.Hub.Workflow;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>
/// Documents in entity-group transactions of up to 100 operations (a document row, and its number key when asked),
/// several partitions at once — some forty times fewer round trips than one commit per document.
/// </summary>
internal sealed class TableDocumentBulkLoader(TableSet tables) : IDocumentBulkLoader
{
    private const int Concurrency = 16;

    public async Task LoadAsync(IReadOnlyList<DocumentRecord> documents, bool withNumberKeys, CancellationToken cancellationToken)
    {
        var transactions = documents.GroupBy(d => tables.ShardOf(d.DealerCode))
            .SelectMany(partition => partition.Chunk(withNumberKeys ? 50 : 100).Select(chunk => (partition.Key, Actions: chunk.SelectMany(d => Actions(partition.Key, d, withNumberKeys)).ToList())))
            .ToList();
        await Parallel.ForEachAsync(transactions, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (transaction, ct) => await tables.DocumentsIn(transaction.Key).SubmitTransactionAsync(transaction.Actions, ct));
    }

    private static IEnumerable<TableTransactionAction> Actions(string partition, DocumentRecord document, bool withNumberKeys)
    {
        yield return new TableTransactionAction(TableTransactionActionType.UpsertReplace, DocumentRows.ToEntity(partition, document));
        if (!withNumberKeys)
        {
            yield break;
        }

        // The request hash intake gives a canonical body, so sending the same document later is answered as a replay.
        var hash = Idempotency.Hash("submit", document.DocumentType, new CanonicalDocument(document.Body, document.DocumentNumber, document.Body).Hash());
        var key = new IdempotencyEntry(document.DealerCode, IdempotencyEntry.ForDocumentNumber(document.DocumentType, document.DocumentNumber),
            hash, document.TrackingId, 202, $$"""{"status":"{{document.Status}}"}""", document.SubmittedAt);
        yield return new TableTransactionAction(TableTransactionActionType.UpsertReplace, KeyRows.ToEntity(partition, key));
    }
}
