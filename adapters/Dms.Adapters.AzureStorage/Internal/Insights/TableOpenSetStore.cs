using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Dms.Hub.Common;
using Dms.Hub.Insights;

namespace Dms.Adapters.AzureStorage.Internal.Insights;

/// <summary>Open sets: a table per set (partition = set), row = <c>{sortKey}|{trackingId}|{id}</c>, the entry's data as JSON.</summary>
internal sealed class TableOpenSetStore(TableSet tables) : IOpenSetStore
{
    public async Task ApplyAsync(IReadOnlyList<OpenEntry> added, IReadOnlyList<OpenEntry> removed, CancellationToken cancellationToken)
    {
        var addedKeys = added.Select(Key).ToHashSet();
        foreach (var set in added.GroupBy(e => e.Set, StringComparer.Ordinal))
        {
            foreach (var chunk in set.DistinctBy(Key).Chunk(100))
            {
                await tables.OpenSet(set.Key).SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(e))), cancellationToken);
            }
        }

        // Deletes per set in one transaction; removal must be idempotent, and a row already gone fails the whole
        // transaction, so it is left out and the rest go again.
        await Task.WhenAll(removed.Select(Key).Where(k => !addedKeys.Contains(k)).Distinct().GroupBy(k => k.Set, StringComparer.Ordinal).SelectMany(set => set.Chunk(100))
            .Select(chunk => DeleteAsync(chunk.ToList(), cancellationToken)));
    }

    private async Task DeleteAsync(List<(string Set, string Row)> keys, CancellationToken cancellationToken)
    {
        while (keys.Count > 0)
        {
            try
            {
                await tables.OpenSet(keys[0].Set).SubmitTransactionAsync(keys.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(k.Set, k.Row), ETag.All)), cancellationToken);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404 && ex.FailedTransactionActionIndex is { } gone && gone < keys.Count)
            {
                keys.RemoveAt(gone);
            }
        }
    }

    public async Task<IReadOnlyList<OpenEntry>> ReadAsync(string setName, string? first, string? until, int max, OpenFilter only, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {setName}");
        if (only.Region is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Region eq {only.Region}");
        }

        if (only.DealerCode is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Dealer eq {only.DealerCode}");
        }

        if (only.AtOrAfter is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"At ge {only.AtOrAfter}");
        }

        if (first is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"RowKey ge {first}");
        }

        if (until is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"RowKey lt {until}");
        }

        var entries = new List<OpenEntry>();
        await foreach (var entity in tables.OpenSet(setName).QueryAsync<TableEntity>(filter, Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            entries.Add(FromEntity(entity));
            if (entries.Count >= max)
            {
                break;
            }
        }

        return entries;
    }

    public async Task<IReadOnlyList<bool>> ExistAsync(IReadOnlyList<OpenEntry> entries, CancellationToken cancellationToken)
    {
        var found = new bool[entries.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, entries.Count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, token) =>
        {
            var (set, row) = Key(entries[i]);
            found[i] = (await tables.OpenSet(set).GetEntityIfExistsAsync<TableEntity>(set, row, ["RowKey"], token)).HasValue;
        });
        return found;
    }

    private static (string Set, string Row) Key(OpenEntry entry) => (entry.Set, $"{entry.SortKey}|{entry.TrackingId}|{entry.Id}");

    internal static TableEntity ToEntity(OpenEntry entry) => new(entry.Set, Key(entry).Row)
    {
        ["SortKey"] = entry.SortKey,
        ["TrackingId"] = entry.TrackingId,
        ["EntryId"] = entry.Id,
        ["Region"] = entry.Data.GetValueOrDefault("region"),
        ["Dealer"] = entry.Data.GetValueOrDefault("dealer"),
        ["At"] = entry.Data.GetValueOrDefault("at"), // a failure's time, so the newest failures are one filtered read
        ["Data"] = JsonSerializer.Serialize(entry.Data, HubJson.Options),
    };

    private static OpenEntry FromEntity(TableEntity entity) => new(
        entity.PartitionKey,
        entity.GetString("SortKey") ?? string.Empty,
        entity.GetString("TrackingId") ?? string.Empty,
        entity.GetString("EntryId") ?? string.Empty,
        JsonSerializer.Deserialize<Dictionary<string, string>>(entity.GetString("Data") ?? "{}", HubJson.Options) ?? []);
}
