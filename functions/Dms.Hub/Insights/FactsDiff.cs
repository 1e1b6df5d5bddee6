namespace Dms.Hub.Insights;

/// <summary>
/// What changes between two versions of a document's facts: counter deltas (the new contributions minus the old,
/// in the scopes each version counted in), keys to add to and remove from the search index, open-set entries.
/// </summary>
public static class FactsDiff
{
    /// <summary>The document type of a dealer's health rows: all types together (see <see cref="DealerHealthRow"/>).</summary>
    public const string AllTypes = "*";

    /// <summary>The metrics a dealer's health row keeps, per day.</summary>
    public static readonly string[] HealthMetrics = ["received", "failed", "deadLettered"];

    public static IReadOnlyList<CounterDelta> Counters(DocumentFacts? before, DocumentFacts? after)
    {
        var sums = new Dictionary<(CounterKey Key, string Metric), long>();
        Add(sums, before, -1);
        Add(sums, after, +1);
        return sums.Where(s => s.Value != 0).Select(s => new CounterDelta(s.Key.Key, s.Key.Metric, s.Value)).ToList();
    }

    /// <summary>
    /// Keys to add (missing from <paramref name="listed"/>, the version surely applied) and to remove (held by any
    /// version that may have been applied, <paramref name="maybe"/> included, but no longer by <paramref name="after"/>).
    /// </summary>
    public static (IReadOnlyList<string> Added, IReadOnlyList<string> Removed) Keys(DocumentFacts? listed, IEnumerable<DocumentFacts?> maybe, DocumentFacts? after)
    {
        var now = after?.Keys.ToHashSet(StringComparer.Ordinal) ?? [];
        var surely = listed?.Keys.ToHashSet(StringComparer.Ordinal) ?? [];
        var any = maybe.Append(listed).OfType<DocumentFacts>().SelectMany(f => f.Keys).ToHashSet(StringComparer.Ordinal);
        return (now.Where(k => !surely.Contains(k)).ToList(), any.Where(k => !now.Contains(k)).ToList());
    }

    /// <summary>Open-set entries to write and to delete, on the same terms as <see cref="Keys"/>.</summary>
    public static (IReadOnlyList<OpenEntry> Added, IReadOnlyList<OpenEntry> Removed) Open(DocumentFacts? listed, IEnumerable<DocumentFacts?> maybe, DocumentFacts? after)
    {
        var now = ById(after is null ? [] : [after]);
        var surely = ById(listed is null ? [] : [listed]);
        var any = ById(maybe.Append(listed).OfType<DocumentFacts>());

        // Entries present in both are written again when their data changed (a status shown in a list).
        var added = now.Where(e => !surely.TryGetValue(e.Key, out var was) || !SameData(was, e.Value)).Select(e => e.Value).ToList();
        return (added, any.Where(e => !now.ContainsKey(e.Key)).Select(e => e.Value).ToList());
    }

    private static Dictionary<string, OpenEntry> ById(IEnumerable<DocumentFacts> facts) =>
        facts.SelectMany(f => f.Open).GroupBy(e => e.Identity, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    private static bool SameData(OpenEntry a, OpenEntry b) =>
        a.Data.Count == b.Data.Count && a.Data.All(p => b.Data.TryGetValue(p.Key, out var v) && v == p.Value);

    private static void Add(Dictionary<(CounterKey, string), long> sums, DocumentFacts? facts, int sign)
    {
        if (facts is null)
        {
            return;
        }

        var scopes = facts.Scopes().ToList();
        foreach (var contribution in facts.Contributions)
        {
            foreach (var scope in scopes)
            {
                foreach (var grain in Grains(contribution, scope))
                {
                    var bucket = contribution.At is { } at ? CounterGrains.Floor(at, grain) : DateTimeOffset.MinValue;
                    var key = (new CounterKey(scope, grain, facts.DocumentType, bucket), contribution.Metric);
                    sums[key] = sums.GetValueOrDefault(key) + (sign * contribution.Value);
                    if (scope.DealerCode is not null && DistrictDealerRows.Of(facts, grain, bucket, contribution.Metric) is { } district)
                    {
                        sums[district] = sums.GetValueOrDefault(district) + (sign * contribution.Value);
                    }
                }

                if (scope.DealerCode is not null && contribution.At is { } day && HealthMetrics.Contains(contribution.Metric))
                {
                    var key = DealerHealthRow(scope, contribution.Metric, day);
                    sums[key] = sums.GetValueOrDefault(key) + (sign * contribution.Value);
                }
            }
        }

        foreach (var key in FailureTally.Of(facts))
        {
            sums[key] = sums.GetValueOrDefault(key) + sign;
        }
    }

    /// <summary>
    /// A dealer's health row: one per dealer and week, all document types together, each health metric per day
    /// (<c>received@20261130</c>) — so the dealer list reads one row per dealer and week, not one per type and day.
    /// </summary>
    public static (CounterKey Key, string Metric) DealerHealthRow(CounterScope dealer, string metric, DateTimeOffset at) =>
        (new CounterKey(dealer, CounterGrain.Week, AllTypes, CounterGrains.Floor(at, CounterGrain.Week)),
            metric + "@" + CounterGrains.Floor(at, CounterGrain.Day).UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture));

    private static IEnumerable<CounterGrain> Grains(Contribution contribution, CounterScope scope)
    {
        if (contribution.At is null)
        {
            yield return CounterGrain.Gauge;
            yield break;
        }

        if (scope.Hourly)
        {
            yield return CounterGrain.Hour;
        }

        yield return CounterGrain.Day;
        yield return CounterGrain.Week;
        yield return CounterGrain.FourWeeks;
    }
}
