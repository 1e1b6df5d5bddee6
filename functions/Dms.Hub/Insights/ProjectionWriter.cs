namespace Dms.Hub.Insights;

/// <summary>
/// Brings the read model in line with new facts, in an order that survives a crash at any point:
/// 1 receipts (what the counters reflect, what is being projected), 2 search index and open sets (idempotent, and
/// they also drop what a crashed attempt may have added), 3 listing rows (the facts the next change is compared with),
/// 4 counters together with removing the receipts (exactly once). A receipt left by a crash says what the counters
/// reflect, whatever the listing row says; once it is gone, counters and listing row agree.
/// </summary>
/// <remarks>
/// The listing rows this projector wrote are remembered (<see cref="ListedFacts"/>) while it holds its lease, so a
/// projection reads a listing row only for documents it has not listed itself; the stores keep the counter and index
/// rows they wrote likewise (conditional writes catch a stale copy).
/// </remarks>
public sealed class ProjectionWriter(IListingStore listing, ISearchIndex index, IOpenSetStore open, ICounterStore counters, ListedFacts known, TimeProvider clock)
{
    /// <summary>Projects each document's facts; returns how many needed any change.</summary>
    public async Task<int> ProjectAsync(IReadOnlyList<DocumentFacts> targets, CancellationToken cancellationToken)
    {
        var receipts = await FinishPartialAsync(await counters.GetReceiptsAsync(cancellationToken), cancellationToken);
        var listed = await Task.WhenAll(targets.Select(t => known.TryGet(t, out var facts) ? Task.FromResult(facts) : listing.GetAsync(t.TrackingId, cancellationToken)));
        var work = new List<Step>();
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            var receipt = receipts.GetValueOrDefault(target.TrackingId);
            if (receipt is null && listed[i] is { } current && current.Revision >= target.Revision)
            {
                continue;
            }

            var counted = receipt is null ? listed[i] : receipt.Counted;
            work.Add(new Step(target, counted, listed[i], [receipt?.Counted, receipt?.Target], receipt?.ETag));
        }

        if (work.Count == 0)
        {
            return 0;
        }

        var intents = await counters.PutReceiptsAsync(work.Select(w => new ProjectionReceipt(w.Target.TrackingId, w.Counted, w.Target, w.ReceiptETag)).ToList(), cancellationToken);
        await index.ApplyAsync(work.SelectMany(IndexChanges).ToList(), cancellationToken);
        var openChanges = work.Select(w => FactsDiff.Open(w.Listed, w.Maybe, w.Target)).ToList();
        await open.ApplyAsync(openChanges.SelectMany(c => c.Added).ToList(), openChanges.SelectMany(c => c.Removed).ToList(), cancellationToken);
        try
        {
            // What each document may be listed as now (the listing row, a crashed attempt's target): a copy under another region goes.
            var former = work.SelectMany(w => w.Maybe.Append(w.Listed)).OfType<DocumentFacts>().ToList();
            await listing.PutAsync(work.Select(w => w.Target).ToList(), former, cancellationToken);
        }
        catch
        {
            // Some of the rows may be written: those documents are read next time, the others stay trusted.
            known.Suspect(work.Select(w => w.Target.TrackingId));
            throw;
        }

        known.Put(work.Select(w => w.Target), clock.GetUtcNow());
        await counters.CountAsync(intents.Zip(work, (receipt, w) => (receipt, FactsDiff.Counters(w.Counted, w.Target))).ToList(), cancellationToken);
        return work.Count;
    }

    /// <summary>
    /// A change counted only in part when the process stopped is finished first, on its own terms (its listing row is
    /// already written, so once counted it is complete and its receipt gone).
    /// </summary>
    private async Task<Dictionary<string, ProjectionReceipt>> FinishPartialAsync(IReadOnlyDictionary<string, ProjectionReceipt> receipts, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, ProjectionReceipt>(receipts, StringComparer.Ordinal);
        var partial = receipts.Values.Where(r => r.Partial is { Count: > 0 }).ToList();
        if (partial.Count > 0)
        {
            foreach (var receipt in await counters.CountAsync(partial.Select(r => (r, FactsDiff.Counters(r.Counted, r.Target))).ToList(), cancellationToken))
            {
                result.Remove(receipt.TrackingId);
            }
        }

        return result;
    }

    /// <summary>
    /// For each key the change touches, every kind the document now holds it as (so a store may write the key's entry
    /// whole, without reading it), and the kinds it no longer holds it as.
    /// </summary>
    private static IEnumerable<IndexChange> IndexChanges(Step step)
    {
        var (added, removed) = FactsDiff.Keys(step.Listed, step.Maybe, step.Target);
        var touched = added.Concat(removed).Select(Normalized).Where(k => k.Value is not null).Select(k => k.Value!).ToHashSet(StringComparer.Ordinal);
        var held = step.Target.Keys.Select(Normalized).Where(k => k.Value is not null && touched.Contains(k.Value)).ToHashSet();
        return held.Select(k => Change(step.Target, k, remove: false))
            .Concat(removed.Select(Normalized).Where(k => k.Value is not null && !held.Contains(k)).Distinct().Select(k => Change(step.Target, k, remove: true)));
    }

    private static (string Kind, string? Value) Normalized(string key)
    {
        var (kind, value) = SearchKeys.Split(key);
        return (kind, SearchKeys.Normalize(value));
    }

    private static IndexChange Change(DocumentFacts facts, (string Kind, string? Value) key, bool remove) =>
        new(key.Value!, new IndexRef(facts.TrackingId, facts.DocumentType, key.Kind), remove);

    private sealed record Step(DocumentFacts Target, DocumentFacts? Counted, DocumentFacts? Listed, IReadOnlyList<DocumentFacts?> Maybe, string? ReceiptETag);
}
