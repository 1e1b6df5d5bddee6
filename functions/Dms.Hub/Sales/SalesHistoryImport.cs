using System.Runtime.CompilerServices;
using Dms.Hub.Dealers;
using Dms.Hub.Storage;
using Dms.Hub.Workflow;

namespace Dms.Hub.Sales;

/// <summary>
/// Loads historical RDRs into an empty hub (a migration, demo history, a benchmark): the documents in bulk, streamed
/// in chunks, and their rollups summed in memory and written as whole rows — never one transaction per document.
/// </summary>
public sealed class SalesHistoryImport(IDocumentBulkLoader loader, SalesRollupImport rollups, DealerDirectory dealers)
{
    private const int Chunk = 2000;

    /// <param name="withNumberKeys">Also store each document's number key (so sending it again is a replay); a benchmark may skip it.</param>
    public Task<int> ImportAsync(IAsyncEnumerable<DocumentRecord> reports, bool withNumberKeys, CancellationToken cancellationToken) =>
        rollups.ImportAsync(LoadAsync(reports, withNumberKeys, cancellationToken), cancellationToken);

    /// <summary>Double-buffered: one chunk is written while the next is read from the source.</summary>
    private async IAsyncEnumerable<(string TrackingId, SalesFacts Facts)> LoadAsync(IAsyncEnumerable<DocumentRecord> reports, bool withNumberKeys, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new List<DocumentRecord>(Chunk);
        (Task Write, List<DocumentRecord> Chunk)? writing = null;
        await foreach (var report in reports.WithCancellation(cancellationToken))
        {
            buffer.Add(report);
            if (buffer.Count < Chunk)
            {
                continue;
            }

            if (writing is { } previous)
            {
                await foreach (var facts in FactsAsync(previous.Write, previous.Chunk, cancellationToken))
                {
                    yield return facts;
                }
            }

            writing = (loader.LoadAsync(buffer, withNumberKeys, cancellationToken), buffer);
            buffer = new List<DocumentRecord>(Chunk);
        }

        if (writing is { } last)
        {
            await foreach (var facts in FactsAsync(last.Write, last.Chunk, cancellationToken))
            {
                yield return facts;
            }
        }

        await foreach (var facts in FactsAsync(buffer.Count == 0 ? Task.CompletedTask : loader.LoadAsync(buffer, withNumberKeys, cancellationToken), buffer, cancellationToken))
        {
            yield return facts;
        }
    }

    /// <summary>The rollup facts of a chunk, once the chunk is stored.</summary>
    private async IAsyncEnumerable<(string, SalesFacts)> FactsAsync(Task written, List<DocumentRecord> chunk, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await written;
        foreach (var report in chunk)
        {
            if (SalesFacts.From(report, await dealers.GetDealerAsync(report.DealerCode, cancellationToken)) is { } facts)
            {
                yield return (report.TrackingId, facts);
            }
        }
    }
}
