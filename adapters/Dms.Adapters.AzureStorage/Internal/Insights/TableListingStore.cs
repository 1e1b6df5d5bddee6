using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Dms.Hub.Common;
using Dms.Hub.Insights;

namespace Dms.Adapters.AzureStorage.Internal.Insights;

/// <summary>Listing rows in one table per six hours of submission (see <see cref="ListingRows"/>).</summary>
internal sealed class TableListingStore(TableSet tables) : IListingStore
{
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
            var row = await table.GetEntityIfExistsAsync<TableEntity>(ListingRows.NewestFirst, ListingRows.Key(ListingRows.NewestFirst, trackingId), cancellationToken: cancellationToken);
            return row.HasValue ? ListingRows.FromEntity(row.Value!) : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null; // no table for those hours: nothing was submitted then
        }
    }

    public async Task PutAsync(IReadOnlyList<DocumentFacts> facts, CancellationToken cancellationToken)
    {
        foreach (var hour in facts.GroupBy(f => ListingCursor.Floor(ListingRows.SubmittedOf(f.TrackingId))))
        {
            var table = tables.Listing(hour.Key);
            await EnsureAsync(table, cancellationToken);
            var rows = hour.SelectMany(ListingRows.Entities).GroupBy(e => e.PartitionKey);
            foreach (var partition in rows)
            {
                foreach (var chunk in partition.Chunk(100))
                {
                    await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);
                }
            }
        }
    }

    /// <summary>
    /// Listing tables in reading order: the first alone (a busy one fills a page), then waves of 2, 4 ... 32 read at once
    /// (a narrow filter finds a few rows in each), each wave's rows taken in order until the page is full.
    /// </summary>
    public async Task<ListingPage> QueryAsync(ListingQuery query, CancellationToken cancellationToken)
    {
        var (resumeHour, resumeKey) = ListingCursor.Decode(query.ContinuationToken);
        var partition = query.Filter.OldestFirst ? ListingRows.OldestFirst : ListingRows.NewestFirst;
        var filters = ListingFilter.Conditions(query.Filter);
        var items = new List<(DocumentFacts? Facts, DateTimeOffset Hour, string Key)>();
        using var hours = ListingCursor.Tables(query.Filter, resumeHour).GetEnumerator();
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
            var read = await Task.WhenAll(batch.Select(hour => ReadHourAsync(query.Filter, partition, filters, hour, hour == resumeHour ? resumeKey : null, want, cancellationToken)));
            items.AddRange(read.SelectMany(r => r).Take(want));
        }

        var page = items.Take(query.PageSize).ToList();
        var token = items.Count > query.PageSize ? ListingCursor.Encode(page[^1].Hour, page[^1].Key) : null;
        var facts = await Task.WhenAll(page.Select(i => i.Facts is { } known ? Task.FromResult<DocumentFacts?>(known) : GetAsync(ListingRows.TrackingIdOf(i.Key), cancellationToken)));
        return new ListingPage(facts.OfType<DocumentFacts>().ToList(), token);
    }

    private const int MaxWave = 32;

    private async Task<List<(DocumentFacts? Facts, DateTimeOffset Hour, string Key)>> ReadHourAsync(DocumentFilter query, string partition, string filters, DateTimeOffset hour, string? resumeKey, int want, CancellationToken cancellationToken)
    {
        var (lower, upper) = Bounds(query, partition, hour);
        if (resumeKey is not null)
        {
            lower = resumeKey + "~"; // strictly after the last row already returned (keys end in the tracking ID)
        }

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {lower} and RowKey lt {upper}") + filters;
        var rows = new List<(DocumentFacts?, DateTimeOffset, string)>();
        try
        {
            var select = partition == ListingRows.OldestFirst ? Keys : null; // an oldest-first row holds no facts: its key is enough
            await foreach (var entity in tables.Listing(hour).QueryAsync<TableEntity>(filter, Math.Min(1000, want), select, cancellationToken))
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

    private static (string Lower, string Upper) Bounds(DocumentFilter query, string partition, DateTimeOffset hour)
    {
        var from = query.From > hour ? query.From : hour;
        var to = query.To < hour.AddHours(ListingCursor.HoursPerTable) ? query.To : hour.AddHours(ListingCursor.HoursPerTable);
        return partition == ListingRows.NewestFirst
            ? (ListingRows.Key(partition, to.AddMilliseconds(-1)), ListingRows.Key(partition, from.AddMilliseconds(-1)))
            : (ListingRows.Key(partition, from), ListingRows.Key(partition, to));
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
