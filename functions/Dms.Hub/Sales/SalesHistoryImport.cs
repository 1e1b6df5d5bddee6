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

    public Task<int> ImportAsync(IAsyncEnumerable<DocumentRecord> reports, CancellationToken cancellationToken) =>
        rollups.ImportAsync(LoadAsync(reports, cancellationToken), cancellationToken);

    private async IAsyncEnumerable<(string TrackingId, SalesFacts Facts)> LoadAsync(IAsyncEnumerable<DocumentRecord> reports, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new List<DocumentRecord>(Chunk);
        await foreach (var report in reports.WithCancellation(cancellationToken))
        {
            buffer.Add(report);
            if (buffer.Count == Chunk)
            {
                await foreach (var facts in FlushAsync(buffer, cancellationToken))
                {
                    yield return facts;
                }
            }
        }

        await foreach (var facts in FlushAsync(buffer, cancellationToken))
        {
            yield return facts;
        }
    }

    private async IAsyncEnumerable<(string, SalesFacts)> FlushAsync(List<DocumentRecord> buffer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (buffer.Count == 0)
        {
            yield break;
        }

        await loader.LoadAsync(buffer, cancellationToken);
        foreach (var report in buffer)
        {
            if (SalesFacts.From(report, await dealers.GetDealerAsync(report.DealerCode, cancellationToken)) is { } facts)
            {
                yield return (report.TrackingId, facts);
            }
        }

        buffer.Clear();
    }
}
