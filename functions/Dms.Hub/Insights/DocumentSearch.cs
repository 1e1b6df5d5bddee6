using System.Diagnostics;
using Dms.Hub.Common;

namespace Dms.Hub.Insights;

/// <summary>
/// One search box for every business key: a tracking ID is read directly; anything else is looked up in the key
/// index (VIN, document number, OEM reference, correlation ID, idempotency key) and each hit read from the listing.
/// </summary>
public sealed class DocumentSearch(ISearchIndex index, IListingStore listing)
{
    public const int MaxHits = 200;

    public async Task<SearchResult> SearchAsync(string text, ViewScope scope, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var normalized = SearchKeys.Normalize(text);
        if (normalized is null)
        {
            return new SearchResult([], false, Stopwatch.GetElapsedTime(started));
        }

        var hits = new List<SearchHit>();
        if (TrackingIds.TryParse(normalized, out _) && await listing.GetAsync(normalized, cancellationToken) is { } direct)
        {
            hits.Add(new SearchHit(direct, ["tracking"]));
        }

        var refs = (await index.FindAsync(normalized, cancellationToken)).GroupBy(r => r.TrackingId, StringComparer.Ordinal).ToList();
        var found = await Task.WhenAll(refs.Take(MaxHits).Select(async g => (Facts: await listing.GetAsync(g.Key, cancellationToken), Kinds: g.Select(r => r.Kind).Distinct().ToList())));
        foreach (var (facts, kinds) in found)
        {
            // The listing is the truth: a reference left behind by an interrupted projection is dropped here.
            if (facts is not null && facts.Keys.Any(k => SearchKeys.Normalize(SearchKeys.Split(k).Value) == normalized) && hits.TrueForAll(h => h.Facts.TrackingId != facts.TrackingId))
            {
                hits.Add(new SearchHit(facts, kinds));
            }
        }

        var visible = hits.Where(h => scope.Covers(h.Facts.Region)).OrderByDescending(h => h.Facts.SubmittedAt).ToList();
        return new SearchResult(visible, refs.Count > MaxHits, Stopwatch.GetElapsedTime(started));
    }
}

public sealed record SearchHit(DocumentFacts Facts, IReadOnlyList<string> MatchedAs);

public sealed record SearchResult(IReadOnlyList<SearchHit> Hits, bool Truncated, TimeSpan Elapsed);
