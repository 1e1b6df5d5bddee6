using System.Runtime.CompilerServices;
using Dms.Hub.Dealers;
using Dms.Hub.Storage;
using Dms.Hub.Workflow;

namespace Dms.Hub.Insights;

/// <summary>
/// Loads historical documents of any type into an empty hub together with the console's read model: documents in
/// bulk, their facts built as the projector would, listing rows and open sets per chunk, the search keys in key
/// order once all are known, and the
/// counters summed in memory and written once as whole rows at the end — so the counters are exactly those of the
/// loaded documents, and no change marker is left for the projector. The store's read-model layout version is
/// recorded as this code's (<see cref="Rebuild.ReadModelLayout"/>).
/// </summary>
public sealed class InsightsHistoryImport(IDocumentBulkLoader documents, IInsightsBulkLoader insights, ICounterStore counters, FactsBuilder builder, DealerDirectory dealers, Rebuild.IReadModelMaintenance layout, TimeProvider clock)
{
    private const int Chunk = 2000;
    private const int InFlight = 3;

    /// <summary>Loads <paramref name="source"/> (chunks written while the next is read); returns how many documents.</summary>
    public async Task<int> ImportAsync(IAsyncEnumerable<DocumentRecord> source, CancellationToken cancellationToken)
    {
        var sums = new Dictionary<(CounterKey Key, string Metric), long>();
        var keys = new List<(string, IndexRef)>();
        var writing = new Queue<Task>();
        var count = 0;
        await foreach (var chunk in ChunksAsync(source, cancellationToken))
        {
            var facts = new List<DocumentFacts>(chunk.Count);
            foreach (var document in chunk)
            {
                var built = builder.Build(document, await dealers.GetDealerAsync(document.DealerCode, cancellationToken));
                foreach (var delta in FactsDiff.Counters(null, built))
                {
                    sums[(delta.Key, delta.Metric)] = sums.GetValueOrDefault((delta.Key, delta.Metric)) + delta.Delta;
                }

                facts.Add(built);
                keys.AddRange(built.Keys.Select(SearchKeys.Split).Select(k => (Normalized: SearchKeys.Normalize(k.Value), Ref: new IndexRef(built.TrackingId, built.DocumentType, k.Kind)))
                    .Where(k => k.Normalized is not null).Select(k => (k.Normalized!, k.Ref)));
            }

            if (writing.Count >= InFlight)
            {
                await writing.Dequeue();
            }

            writing.Enqueue(WriteAsync(chunk, facts, cancellationToken));
            count += chunk.Count;
        }

        await Task.WhenAll(writing);
        await insights.LoadSearchKeysAsync(keys, cancellationToken);
        await insights.LoadCountersAsync(sums.Select(s => new CounterDelta(s.Key.Key, s.Key.Metric, s.Value)).ToList(), cancellationToken);
        await counters.SetWatermarkAsync(clock.GetUtcNow(), cancellationToken);

        // Written in this code's layout: no rebuild needed at the hub's next start (unless one was interrupted here).
        if (await layout.GetCheckpointAsync(cancellationToken) is null)
        {
            await layout.SetVersionAsync(Rebuild.ReadModelLayout.Version, cancellationToken);
        }

        return count;
    }

    private async Task WriteAsync(IReadOnlyList<DocumentRecord> chunk, IReadOnlyList<DocumentFacts> facts, CancellationToken cancellationToken)
    {
        // The documents first: a listing row never points at a document that is not stored.
        await documents.LoadAsync(chunk, withNumberKeys: false, cancellationToken);
        await insights.LoadAsync(facts, cancellationToken);
    }

    private static async IAsyncEnumerable<List<DocumentRecord>> ChunksAsync(IAsyncEnumerable<DocumentRecord> source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new List<DocumentRecord>(Chunk);
        await foreach (var document in source.WithCancellation(cancellationToken))
        {
            buffer.Add(document);
            if (buffer.Count == Chunk)
            {
                yield return buffer;
                buffer = new List<DocumentRecord>(Chunk);
            }
        }

        if (buffer.Count > 0)
        {
            yield return buffer;
        }
    }
}
