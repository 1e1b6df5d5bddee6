using System.Diagnostics;

namespace Dms.Hub.Insights;

/// <summary>
/// The documents list: a page from the listing tables, and the number of matches from the counters when the filter
/// is one they keep (type, status or channel, dealer or region, over whole buckets); otherwise no number is claimed.
/// A narrow filter over hours (a type, status or channel, for everyone or a region, ≤ 7 days) reads the counters first
/// and lists only the hours they say hold a match, as of the counters' time: a document that changed since and was
/// submitted before that hour shows in the list once the counters have caught up with it (the next projector cycle).
/// </summary>
public sealed class DocumentList(IListingStore listing, CounterReader counters, Registry.DocumentTypeRegistry types, Dealers.DealerDirectory dealers, Microsoft.Extensions.Options.IOptionsMonitor<InsightsOptions> options)
{
    public Task<ListResult> ListAsync(DocumentFilter filter, ViewScope scope, int pageSize, string? continuationToken, CancellationToken cancellationToken) =>
        ListAsync(filter, scope, pageSize, continuationToken, counted: true, cancellationToken);

    /// <summary>A page without the count (an export reads page after page of one query: counting it once is the page's job).</summary>
    public Task<ListResult> PageAsync(DocumentFilter filter, ViewScope scope, int pageSize, string? continuationToken, CancellationToken cancellationToken) =>
        ListAsync(filter, scope, pageSize, continuationToken, counted: false, cancellationToken);

    private async Task<ListResult> ListAsync(DocumentFilter filter, ViewScope scope, int pageSize, string? continuationToken, bool counted, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (filter.DealerCode is { } code && scope.Region is not null && (await dealers.GetDealerAsync(code, cancellationToken) is not { } dealer || !scope.Covers(dealer.Region)))
        {
            // Another region's dealer: nothing to list and nothing to count, exactly as for a dealer that does not exist.
            return new ListResult([], null, new ListCount(0, true, CounterGrain.Day, null), Stopwatch.GetElapsedTime(started));
        }

        var region = scope.Region ?? filter.Region;
        var query = new ListingQuery(filter with { Region = region }, pageSize, continuationToken);
        var plan = counted ? Plan(filter, region) : null;
        ListingPage page;
        ListCount? count = null;
        if (plan is { Grain: CounterGrain.Hour } && (filter.Status ?? filter.DocumentType ?? filter.Channel) is not null)
        {
            // A narrow filter may match nothing in most of the range's listing tables, and Azurite walks each table it is
            // asked about whole (session 18: a region and a status nobody has read 28 tables for an empty page). Its hours
            // are read first, and the listing skips the tables they rule out.
            (count, var hours) = await CountAsync(plan, filter, cancellationToken);
            page = await listing.QueryAsync(query with { Hours = hours }, cancellationToken);
        }
        else
        {
            async Task<ListCount?> CountOnlyAsync() => plan is null ? null : (await CountAsync(plan, filter, cancellationToken)).Count;
            var pageTask = listing.QueryAsync(query, cancellationToken);
            var countTask = CountOnlyAsync();
            await Task.WhenAll(pageTask, countTask);
            (page, count) = (await pageTask, await countTask);
        }

        var items = page.Items.Where(f => scope.Covers(f.Region)).ToList();
        return new ListResult(items, page.ContinuationToken, count, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>How the counters count the filter's matches; null when they do not keep what it filters by.</summary>
    private CountPlan? Plan(DocumentFilter filter, string? region)
    {
        if (filter.Outcome is not null || filter.ErrorCode is not null || filter.AwaitingOem is not null || filter.Field is not null || (filter.Channel is not null && filter.Status is not null))
        {
            return null;
        }

        var scope = filter.DealerCode is { } dealer ? CounterScope.ForDealer(dealer) : region is { } r ? CounterScope.ForRegion(r) : CounterScope.All;
        var grain = scope.Hourly && filter.To - filter.From <= TimeSpan.FromDays(7) ? CounterGrain.Hour : CounterGrain.Day;
        var metric = filter.Status is { } status ? "status." + status : filter.Channel is { } channel ? "received." + channel : "received";
        var typeNames = filter.DocumentType is { } type ? [type] : types.All.Select(t => t.Name).ToList();
        return new CountPlan(scope, grain, metric, typeNames);
    }

    /// <summary>
    /// The count, and for hours the hours that hold a match. The counters' time is read first: the rows read after it
    /// hold at least everything counted by then, so an hour before it that they leave out holds no match.
    /// </summary>
    private async Task<(ListCount Count, MatchingHours? Hours)> CountAsync(CountPlan plan, DocumentFilter filter, CancellationToken cancellationToken)
    {
        var asOf = await counters.AsOfAsync(cancellationToken);
        long count;
        MatchingHours? hours = null;
        if (plan.Grain == CounterGrain.Hour)
        {
            // Every type's rows in one query, only the one counter.
            var rows = await counters.RowsAsync(plan.Scope, plan.Grain, plan.Types, filter.From, filter.To, [plan.Metric], cancellationToken);
            count = rows.Sum(r => r.Get(plan.Metric));
            // Less the instances' clock skew: a document another instance stamped just before that time may be counted just after it.
            var known = asOf - TimeSpan.FromSeconds(options.CurrentValue.ClockSkewSeconds);
            hours = known is { } until ? new MatchingHours(rows.Where(r => r.Get(plan.Metric) > 0).Select(r => r.Key.Bucket).ToHashSet(), CounterGrains.Floor(until, CounterGrain.Hour)) : null;
        }
        else
        {
            // Days: whole weeks and edge days by point reads.
            count = (await Task.WhenAll(plan.Types.Select(t => counters.SumAsync(plan.Scope, plan.Grain, t, filter.From, filter.To, cancellationToken)))).Sum(s => s.GetValueOrDefault(plan.Metric));
        }

        var exact = CounterGrains.Floor(filter.From, plan.Grain) == filter.From && CounterGrains.Floor(filter.To, plan.Grain) == filter.To;
        return (new ListCount(count, exact, plan.Grain, asOf), hours);
    }

    private sealed record CountPlan(CounterScope Scope, CounterGrain Grain, string Metric, IReadOnlyList<string> Types);
}

/// <param name="Exact">False when the range does not fall on whole buckets of <paramref name="Grain"/> (the count covers the buckets touched).</param>
/// <param name="AsOf">When the counters last caught up with every change.</param>
public sealed record ListCount(long Value, bool Exact, CounterGrain Grain, DateTimeOffset? AsOf);

public sealed record ListResult(IReadOnlyList<DocumentFacts> Items, string? ContinuationToken, ListCount? Count, TimeSpan Elapsed);
