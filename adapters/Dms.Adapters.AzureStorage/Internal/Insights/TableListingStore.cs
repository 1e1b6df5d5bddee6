using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Dms.Hub.Common;
using Dms.Hub.Insights;
using Dms.Hub.Operations;

namespace Dms.Adapters.AzureStorage.Internal.Insights;

/// <summary>
/// Listing rows (see <see cref="ListingRows"/>) in one table per six hours of submission, and again in one table per
/// dealer and week and one per region and six hours, which a filter by dealer or by region reads (see <see cref="ListingLayout"/>).
/// </summary>
internal sealed class TableListingStore(TableSet tables, StorageTraffic traffic) : IListingStore
{
    /// <summary>
    /// The region copies' round trips, shared among the documents' types like the projection's (the bench's step table
    /// shows them apart from the rest of <c>insights:project</c>, of which they are part: perf15 measured their share).
    /// </summary>
    public const string RegionCopyStep = InsightsProjector.ProjectStep + ":region-copy";

    private readonly ConcurrentDictionary<string, Task> _created = new(StringComparer.Ordinal);

    public async Task<DocumentFacts?> GetAsync(string trackingId, CancellationToken cancellationToken)
    {
        if (!TrackingIds.TryParse(trackingId, out _))
        {
            return null;
        }

        try
        {
            var table = tables.Listing(ListingRows.SubmittedOf(trackingId));
            var row = await table.GetEntityIfExistsAsync<TableEntity>(ListingRows.Partition, ListingRows.Key(ListingRows.NewestFirst, trackingId), cancellationToken: cancellationToken);
            return row.HasValue ? ListingRows.FromEntity(row.Value!) : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null; // no table for those hours: nothing was submitted then
        }
    }

    /// <summary>
    /// Writes the copies first — every dealer's week table and region's six-hour table, several at once (a batch spans
    /// many), and removes a document's copy under a region it no longer has — then the six-hour tables (see
    /// <see cref="ListingLayout.TablesOf"/> for why that order). Upserts of whole rows and deletes of rows that may be
    /// gone: writing again is harmless.
    /// </summary>
    public async Task PutAsync(IReadOnlyList<DocumentFacts> facts, IReadOnlyCollection<DocumentFacts> former, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = WriteConcurrency, CancellationToken = cancellationToken };
        var copies = facts.SelectMany(f => ListingLayout.CopiesOf(tables, f).Select(table => (table, f))).GroupBy(x => x.table.Name, StringComparer.Ordinal);
        await Task.WhenAll(
            Parallel.ForEachAsync(copies, parallel, async (group, ct) =>
            {
                using var step = RegionCopy(group.First().table, group.Select(x => x.f));
                await WriteAsync(group.First().table, group.Select(x => x.f), ct);
            }),
            Parallel.ForEachAsync(Moved(facts, former), parallel, async (gone, ct) =>
            {
                using var step = RegionCopy(gone.Table, []);
                await DeleteAsync(gone.Table, gone.TrackingId, ct);
            }));
        var homes = facts.GroupBy(f => ListingLayout.HomeOf(tables, f).Name, StringComparer.Ordinal);
        await Parallel.ForEachAsync(homes, parallel, async (group, ct) => await WriteAsync(ListingLayout.HomeOf(tables, group.First()), group, ct));
    }

    /// <summary>Counts a region table's writes apart (<see cref="RegionCopyStep"/>); null for any other table.</summary>
    private StorageTraffic.StepScope? RegionCopy(TableClient table, IEnumerable<DocumentFacts> facts)
    {
        if (!table.Name.StartsWith(tables.RegionListingPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var step = traffic.Step("-", RegionCopyStep);
        var types = facts.GroupBy(f => f.DocumentType, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        if (types.Count > 0)
        {
            step.ShareAmong(types);
        }

        return step;
    }

    /// <summary>The region copies of documents whose region changed since they were listed as <paramref name="former"/>.</summary>
    private IEnumerable<(TableClient Table, string TrackingId)> Moved(IReadOnlyList<DocumentFacts> facts, IReadOnlyCollection<DocumentFacts> former)
    {
        TableClient RegionCopy(DocumentFacts f) => tables.RegionListing(f.Region, ListingRows.SubmittedOf(f.TrackingId));
        var now = facts.GroupBy(f => f.TrackingId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => RegionCopy(g.Last()).Name, StringComparer.Ordinal);
        return former.Where(f => now.TryGetValue(f.TrackingId, out var table) && table != RegionCopy(f).Name)
            .Select(f => (Table: RegionCopy(f), f.TrackingId))
            .DistinctBy(x => (x.Table.Name, x.TrackingId));
    }

    private static async Task DeleteAsync(TableClient table, string trackingId, CancellationToken cancellationToken)
    {
        foreach (var order in new[] { ListingRows.NewestFirst, ListingRows.OldestFirst })
        {
            try
            {
                await table.DeleteEntityAsync(ListingRows.Partition, ListingRows.Key(order, trackingId), ETag.All, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // gone already, or its table never made
            }
        }
    }

    private const int WriteConcurrency = 8;

    private async Task WriteAsync(TableClient table, IEnumerable<DocumentFacts> facts, CancellationToken cancellationToken)
    {
        await EnsureAsync(table, cancellationToken);
        foreach (var partition in facts.SelectMany(ListingRows.Entities).GroupBy(e => e.PartitionKey))
        {
            foreach (var chunk in partition.Chunk(100))
            {
                await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);
            }
        }
    }

    /// <summary>
    /// The query's tables (<see cref="ListingLayout.For"/>) in reading order, less those the counters rule out: the first alone (a busy one fills a page), then waves of 2, 4 ... 32 read at once
    /// (a narrow filter finds a few rows in each), each wave's rows taken in order until the page is full.
    /// </summary>
    public async Task<ListingPage> QueryAsync(ListingQuery query, CancellationToken cancellationToken)
    {
        var (resumeHour, resumeKey) = ListingCursor.Decode(query.ContinuationToken);
        if (ListingLayout.For(tables, query.Filter) is not { } layout)
        {
            return new ListingPage([], null); // a dealer code no document carries
        }

        var order = query.Filter.OldestFirst ? ListingRows.OldestFirst : ListingRows.NewestFirst;
        if ((resumeHour is { } resume && !layout.IsStart(resume)) || (resumeKey is not null && !resumeKey.StartsWith(order, StringComparison.Ordinal)))
        {
            throw new FormatException("Unknown continuation token."); // issued for another layout's tables, or another order
        }

        var filters = ListingFilter.Conditions(query.Filter);
        var items = new List<(DocumentFacts? Facts, DateTimeOffset Hour, string Key)>();
        // Tables the counters rule out (ListingQuery.Hours) are not read: Azurite would walk each whole to find nothing.
        using var hours = layout.Tables(query.Filter, resumeHour).Where(start => query.Hours?.MayHold(start, start + layout.Length) ?? true).GetEnumerator();
        for (var wave = 1; items.Count <= query.PageSize; wave = Math.Min(wave * 2, MaxWave))
        {
            var batch = new List<DateTimeOffset>(wave);
            while (batch.Count < wave && hours.MoveNext())
            {
                batch.Add(hours.Current);
            }

            if (batch.Count == 0)
            {
                break;
            }

            var want = query.PageSize + 1 - items.Count;
            var read = await Task.WhenAll(batch.Select(hour => ReadHourAsync(layout, query.Filter, order, filters, hour, hour == resumeHour ? resumeKey : null, want, cancellationToken)));
            items.AddRange(read.SelectMany(r => r).Take(want));
        }

        var page = items.Take(query.PageSize).ToList();
        var token = items.Count > query.PageSize ? ListingCursor.Encode(page[^1].Hour, page[^1].Key) : null;
        var facts = await Task.WhenAll(page.Select(i => i.Facts is { } known ? Task.FromResult<DocumentFacts?>(known) : GetAsync(ListingRows.TrackingIdOf(i.Key), cancellationToken)));
        return new ListingPage(facts.OfType<DocumentFacts>().ToList(), token);
    }

    private const int MaxWave = 32;

    private static async Task<List<(DocumentFacts? Facts, DateTimeOffset Hour, string Key)>> ReadHourAsync(ListingLayout layout, DocumentFilter query, string order, string filters, DateTimeOffset hour, string? resumeKey, int want, CancellationToken cancellationToken)
    {
        var (lower, upper) = Bounds(query, order, hour, hour + layout.Length);
        if (resumeKey is not null)
        {
            lower = resumeKey + "~"; // strictly after the last row already returned (keys end in the tracking ID)
        }

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ListingRows.Partition} and RowKey ge {lower} and RowKey lt {upper}") + filters;
        var rows = new List<(DocumentFacts?, DateTimeOffset, string)>();
        try
        {
            // An oldest-first row holds no facts: its key is enough. A newest-first row is read for its facts alone (its
            // filter columns are for the table's filter): Azurite builds and writes every property it sends, per row.
            var select = order == ListingRows.OldestFirst ? Keys : ListingRows.FactsColumns;
            await foreach (var entity in layout.Table(hour).QueryAsync<TableEntity>(filter, Math.Min(1000, want), select, cancellationToken))
            {
                rows.Add((ListingRows.FromEntity(entity), hour, entity.RowKey));
                if (rows.Count >= want)
                {
                    break;
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No table: nothing was submitted in those hours.
        }

        return rows;
    }

    private static readonly string[] Keys = ["PartitionKey", "RowKey"];

    private static (string Lower, string Upper) Bounds(DocumentFilter query, string order, DateTimeOffset start, DateTimeOffset end)
    {
        var from = query.From > start ? query.From : start;
        var to = query.To < end ? query.To : end;
        return order == ListingRows.NewestFirst
            ? (ListingRows.Key(order, to.AddMilliseconds(-1)), ListingRows.Key(order, from.AddMilliseconds(-1)))
            : (ListingRows.Key(order, from), ListingRows.Key(order, to));
    }

    private Task EnsureAsync(TableClient table, CancellationToken cancellationToken) =>
        _created.GetOrAdd(table.Name, _ => table.CreateIfNotExistsAsync(cancellationToken)).ContinueWith(t =>
        {
            if (!t.IsCompletedSuccessfully)
            {
                _created.TryRemove(table.Name, out _);
                t.GetAwaiter().GetResult();
            }
        }, cancellationToken, TaskContinuationOptions.None, TaskScheduler.Default);
}
