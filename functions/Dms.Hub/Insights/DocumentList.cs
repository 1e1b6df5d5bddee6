using System.Diagnostics;

namespace Dms.Hub.Insights;

/// <summary>
/// The documents list: a page from the listing tables, and the number of matches from the counters when the filter
/// is one they keep (type, status or channel, dealer or region, over whole buckets); otherwise no number is claimed.
/// </summary>
public sealed class DocumentList(IListingStore listing, CounterReader counters, Registry.DocumentTypeRegistry types, Dealers.DealerDirectory dealers)
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
        var pageTask = listing.QueryAsync(query, cancellationToken);
        var countTask = counted ? CountAsync(filter, region, cancellationToken) : Task.FromResult<ListCount?>(null);
        await Task.WhenAll(pageTask, countTask);
        var items = (await pageTask).Items.Where(f => scope.Covers(f.Region)).ToList();
        return new ListResult(items, (await pageTask).ContinuationToken, await countTask, Stopwatch.GetElapsedTime(started));
    }

    private async Task<ListCount?> CountAsync(DocumentFilter filter, string? region, CancellationToken cancellationToken)
    {
        if (filter.Outcome is not null || filter.ErrorCode is not null || filter.AwaitingOem is not null || filter.Field is not null || (filter.Channel is not null && filter.Status is not null))
        {
            return null;
        }

        var scope = filter.DealerCode is { } dealer ? CounterScope.ForDealer(dealer) : region is { } r ? CounterScope.ForRegion(r) : CounterScope.All;
        var grain = scope.Hourly && filter.To - filter.From <= TimeSpan.FromDays(7) ? CounterGrain.Hour : CounterGrain.Day;
        var metric = filter.Status is { } status ? "status." + status : filter.Channel is { } channel ? "received." + channel : "received";
        var typeNames = filter.DocumentType is { } type ? [type] : types.All.Select(t => t.Name).ToList();
        // Hours: every type's rows in one query, only the one counter; days: whole weeks and edge days by point reads.
        var count = grain == CounterGrain.Hour && scope.Hourly
            ? (await counters.RowsAsync(scope, grain, typeNames, filter.From, filter.To, [metric], cancellationToken)).Sum(r => r.Get(metric))
            : (await Task.WhenAll(typeNames.Select(t => counters.SumAsync(scope, grain, t, filter.From, filter.To, cancellationToken)))).Sum(s => s.GetValueOrDefault(metric));
        var exact = CounterGrains.Floor(filter.From, grain) == filter.From && CounterGrains.Floor(filter.To, grain) == filter.To;
        return new ListCount(count, exact, grain, await counters.AsOfAsync(cancellationToken));
    }
}

/// <param name="Exact">False when the range does not fall on whole buckets of <paramref name="Grain"/> (the count covers the buckets touched).</param>
/// <param name="AsOf">When the counters last caught up with every change.</param>
public sealed record ListCount(long Value, bool Exact, CounterGrain Grain, DateTimeOffset? AsOf);

public sealed record ListResult(IReadOnlyList<DocumentFacts> Items, string? ContinuationToken, ListCount? Count, TimeSpan Elapsed);
