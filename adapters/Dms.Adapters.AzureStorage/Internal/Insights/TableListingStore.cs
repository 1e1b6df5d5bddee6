using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Dms.Hub.Common;
using Dms.Hub.Insights;

namespace Dms.Adapters.AzureStorage.Internal.Insights;

/// <summary>Listing rows in one table per submission day (see <see cref="ListingRows"/>).</summary>
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
            return null; // no table for that day: nothing was submitted then
        }
    }

    public async Task PutAsync(IReadOnlyList<DocumentFacts> facts, CancellationToken cancellationToken)
    {
        foreach (var day in facts.GroupBy(f => ListingRows.SubmittedOf(f.TrackingId).UtcDateTime.Date))
        {
            var table = tables.Listing(new DateTimeOffset(day.Key, TimeSpan.Zero));
            await EnsureAsync(table, cancellationToken);
            var rows = day.SelectMany(ListingRows.Entities).GroupBy(e => e.PartitionKey);
            foreach (var partition in rows)
            {
                foreach (var chunk in partition.Chunk(100))
                {
                    await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);
                }
            }
        }
    }

    public async Task<ListingPage> QueryAsync(ListingQuery query, CancellationToken cancellationToken)
    {
        var (resumeDay, resumeKey) = ListingCursor.Decode(query.ContinuationToken);
        var partition = query.Filter.OldestFirst ? ListingRows.OldestFirst : ListingRows.NewestFirst;
        var filters = ListingFilter.Conditions(query.Filter);
        var items = new List<(DocumentFacts? Facts, DateTimeOffset Day, string Key)>();
        foreach (var day in ListingCursor.Days(query.Filter, resumeDay))
        {
            var (lower, upper) = Bounds(query.Filter, partition, day);
            if (resumeKey is not null && day == resumeDay)
            {
                lower = resumeKey + "~"; // strictly after the last row already returned (keys end in the tracking ID)
            }

            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {lower} and RowKey lt {upper}") + filters;
            try
            {
                var select = partition == ListingRows.OldestFirst ? Keys : null; // an oldest-first row holds no facts: its key is enough
                await foreach (var entity in tables.Listing(day).QueryAsync<TableEntity>(filter, Math.Min(1000, query.PageSize + 1 - items.Count), select, cancellationToken))
                {
                    items.Add((ListingRows.FromEntity(entity), day, entity.RowKey));

                    if (items.Count > query.PageSize)
                    {
                        break;
                    }
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // No table: nothing was submitted that day.
            }

            if (items.Count > query.PageSize)
            {
                break;
            }
        }

        var page = items.Take(query.PageSize).ToList();
        var token = items.Count > query.PageSize ? ListingCursor.Encode(page[^1].Day, page[^1].Key) : null;
        var facts = await Task.WhenAll(page.Select(i => i.Facts is { } known ? Task.FromResult<DocumentFacts?>(known) : GetAsync(ListingRows.TrackingIdOf(i.Key), cancellationToken)));
        return new ListingPage(facts.OfType<DocumentFacts>().ToList(), token);
    }

    private static readonly string[] Keys = ["PartitionKey", "RowKey"];

    private static (string Lower, string Upper) Bounds(DocumentFilter query, string partition, DateTimeOffset day)
    {
        var from = query.From > day ? query.From : day;
        var to = query.To < day.AddDays(1) ? query.To : day.AddDays(1);
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
