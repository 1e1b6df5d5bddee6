using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using Dms.Hub.Insights;
using Dms.Hub.Insights.Rebuild;
using Microsoft.Extensions.Options;

namespace Dms.Adapters.AzureStorage.Internal.Insights;

/// <summary>
/// The rebuild's storage side. The version (<c>~readmodel</c>), checkpoint (<c>~rebuild</c>) and lease rows live in the
/// counters table's partition beside the counters, which clearing keeps. Listing tables, the search index and the open
/// sets are dropped and created again (on Azurite dropping a table is one call, deleting its rows one per row; on Azure a
/// dropped name is refused for a while, so creating retries) — created again at once, so the stores that remember a
/// table exists stay right. Counter rows and receipts are deleted in batches of 100.
/// </summary>
internal sealed partial class TableReadModelMaintenance(TableSet tables, TableServiceClient service, IOptions<AzureStorageOptions> options) : IReadModelMaintenance
{
    private const string VersionKey = "~readmodel";
    private const string CheckpointKey = "~rebuild";
    private const string LeasePrefix = "~lease|";
    private const string RebuildOwner = "rebuild/";
    private const int Concurrency = 8;
    private static readonly TimeSpan RecreateFor = TimeSpan.FromMinutes(3);

    /// <summary>The one-row-per-key search table before session 7 (search keys are in buckets of <c>insightssearch</c> since).</summary>
    private static readonly string[] Obsolete = ["insightskeys"];

    private string Prefix => options.Value.TablePrefix;

    public async Task<int?> GetVersionAsync(CancellationToken cancellationToken)
    {
        var row = await tables.Counters.GetEntityIfExistsAsync<TableEntity>(CounterRows.Partition, VersionKey, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetInt32("Version") : null;
    }

    public async Task SetVersionAsync(int version, CancellationToken cancellationToken)
    {
        // Version first: a crash in between leaves the checkpoint, and its last phase is redone — harmless.
        await tables.Counters.UpsertEntityAsync(new TableEntity(CounterRows.Partition, VersionKey) { ["Version"] = version, ["At"] = DateTime.UtcNow }, TableUpdateMode.Replace, cancellationToken);
        try
        {
            await tables.Counters.DeleteEntityAsync(CounterRows.Partition, CheckpointKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // no rebuild ran (a bulk import, a new store)
        }
    }

    public async Task<RebuildCheckpoint?> GetCheckpointAsync(CancellationToken cancellationToken)
    {
        var found = await tables.Counters.GetEntityIfExistsAsync<TableEntity>(CounterRows.Partition, CheckpointKey, cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value!.GetString("Phase") is not { } phase)
        {
            return null;
        }

        var row = found.Value;
        return new RebuildCheckpoint(phase, row.GetString("Cursor"), row.GetInt64("Listed") ?? 0, row.GetInt64("Counted") ?? 0,
            row.GetDateTimeOffset("StartedAt") ?? default, row.GetDateTimeOffset("UpdatedAt") ?? default, row.GetString("By") ?? "?", row.GetString("Reason") ?? string.Empty,
            row.GetInt32("FromVersion") ?? 0)
        {
            Expected = row.GetInt64("Expected"), WaitingUntil = row.GetDateTimeOffset("WaitingUntil"),
            PhaseStartedAt = row.GetDateTimeOffset("PhaseStartedAt") ?? default, PhaseFrom = row.GetInt64("PhaseFrom") ?? 0,
        };
    }

    public Task SaveCheckpointAsync(RebuildCheckpoint checkpoint, CancellationToken cancellationToken) =>
        tables.Counters.UpsertEntityAsync(new TableEntity(CounterRows.Partition, CheckpointKey)
        {
            ["Phase"] = checkpoint.Phase, ["Cursor"] = checkpoint.Cursor, ["Listed"] = checkpoint.Listed, ["Counted"] = checkpoint.Counted,
            ["StartedAt"] = checkpoint.StartedAt.UtcDateTime, ["UpdatedAt"] = checkpoint.UpdatedAt.UtcDateTime, ["By"] = checkpoint.By, ["Reason"] = checkpoint.Reason,
            ["FromVersion"] = checkpoint.FromVersion, ["Expected"] = checkpoint.Expected, ["WaitingUntil"] = checkpoint.WaitingUntil?.UtcDateTime,
            ["PhaseStartedAt"] = checkpoint.PhaseStartedAt == default ? null : checkpoint.PhaseStartedAt.UtcDateTime, ["PhaseFrom"] = checkpoint.PhaseFrom,
        }, TableUpdateMode.Replace, cancellationToken);

    public async Task<long?> CountListedAsync(CancellationToken cancellationToken)
    {
        // The "*" scope's gauges, one row per document type: each listed document adds 1 to "status.<its status>".
        var from = CounterRows.GaugesOf(CounterScope.All);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {CounterRows.Partition} and RowKey ge {from} and RowKey lt {from + "~"}");
        long total = 0;
        await foreach (var row in tables.Counters.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            total += CounterRows.Values(row).Where(v => v.Key.StartsWith("status.", StringComparison.Ordinal)).Sum(v => v.Value);
        }

        return total > 0 ? total : null;
    }

    public async Task<bool> AnyDocumentAsync(CancellationToken cancellationToken)
    {
        foreach (var shard in tables.Shards)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shard} and RowKey gt {DocumentsFrom} and RowKey lt {DocumentsUntil}");
            await foreach (var _ in tables.DocumentScansIn(shard).QueryAsync<TableEntity>(filter, 1, KeysOnly, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    public async Task<RebuildLease> TakeLeaseAsync(string leaseName, string owner, DateTimeOffset now, TimeSpan term, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(CounterRows.Partition, LeasePrefix + leaseName) { ["Owner"] = owner, ["Until"] = (now + term).UtcDateTime };
        try
        {
            var current = await tables.Counters.GetEntityIfExistsAsync<TableEntity>(CounterRows.Partition, entity.RowKey, cancellationToken: cancellationToken);
            if (!current.HasValue)
            {
                await tables.Counters.AddEntityAsync(entity, cancellationToken);
                return RebuildLease.Taken;
            }

            var held = current.Value!;
            var holder = held.GetString("Owner") ?? string.Empty;
            var live = holder != owner && held.GetDateTimeOffset("Until") > now;
            if (live && holder.StartsWith(RebuildOwner, StringComparison.Ordinal))
            {
                return RebuildLease.Busy;
            }

            await tables.Counters.UpdateEntityAsync(entity, held.ETag, TableUpdateMode.Replace, cancellationToken);
            return live ? RebuildLease.TakenFromProjector : RebuildLease.Taken;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return RebuildLease.Busy; // someone wrote it between the read and the write
        }
    }

    public async Task ReleaseLeaseAsync(string leaseName, string owner, CancellationToken cancellationToken)
    {
        var current = await tables.Counters.GetEntityIfExistsAsync<TableEntity>(CounterRows.Partition, LeasePrefix + leaseName, cancellationToken: cancellationToken);
        if (current.HasValue && current.Value!.GetString("Owner") == owner)
        {
            var lapsed = new TableEntity(CounterRows.Partition, LeasePrefix + leaseName) { ["Owner"] = owner, ["Until"] = DateTime.UnixEpoch };
            try
            {
                await tables.Counters.UpdateEntityAsync(lapsed, current.Value.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // Taken meanwhile (it had lapsed): nothing to give back.
            }
        }
    }

    public async Task ClearAsync(CancellationToken cancellationToken)
    {
        var names = new List<string>();
        var filter = TableClient.CreateQueryFilter($"TableName ge {Prefix + "list"} and TableName lt {Prefix + "list~"}");
        await foreach (var table in service.QueryAsync(filter, cancellationToken: cancellationToken))
        {
            names.Add(table.Name);
        }

        filter = TableClient.CreateQueryFilter($"TableName ge {tables.ScopeCountersPrefix} and TableName lt {tables.ScopeCountersPrefix + "~"}");
        await foreach (var table in service.QueryAsync(filter, cancellationToken: cancellationToken))
        {
            names.Add(table.Name); // the scopes' copies of counter rows deleted below (made again by their first row)
        }

        names.Add(tables.SearchKeys.Name);
        names.Add(tables.DealerCounters.Name); // the copy of counter rows deleted below
        names.AddRange(new[] { OpenEntry.Undelivered, OpenEntry.AwaitingAck, OpenEntry.Failures }.Select(set => tables.OpenSet(set).Name));
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (name, ct) =>
        {
            try
            {
                await service.DeleteTableAsync(name, ct);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // gone already (a clearing redone after a crash)
            }

            await RecreateAsync(service.GetTableClient(name), ct);
        });
        await DropObsoleteAsync(cancellationToken);
        await DeleteCountersAsync(cancellationToken);
    }

    /// <summary>Read-model tables no layout reads any more, dropped for good (not created again).</summary>
    private async Task DropObsoleteAsync(CancellationToken cancellationToken)
    {
        foreach (var name in Obsolete)
        {
            try
            {
                await service.DeleteTableAsync(Prefix + name, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // never there, or dropped by an earlier rebuild
            }
        }
    }

    /// <summary>Counter rows (every key before <c>~</c>) and projection receipts; the bookkeeping rows (<c>~…</c>) stay.</summary>
    private async Task DeleteCountersAsync(CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {CounterRows.Partition} and (RowKey lt {"~"} or (RowKey ge {CounterRows.ReceiptPrefix} and RowKey lt {CounterRows.ReceiptEnd}))");
        var keys = new List<string>();
        await foreach (var row in tables.Counters.QueryAsync<TableEntity>(filter, 1000, KeysOnly, cancellationToken))
        {
            keys.Add(row.RowKey);
        }

        await Parallel.ForEachAsync(keys.Chunk(100), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (chunk, ct) =>
            await tables.Counters.SubmitTransactionAsync(chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(CounterRows.Partition, k), ETag.All)), ct));
    }

    /// <summary>Creates a table just dropped: Azure refuses the name while it is being deleted (409), for up to a minute or so.</summary>
    private static async Task RecreateAsync(TableClient table, CancellationToken cancellationToken)
    {
        var until = DateTimeOffset.UtcNow + RecreateFor;
        while (true)
        {
            try
            {
                await table.CreateIfNotExistsAsync(cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 409 && DateTimeOffset.UtcNow < until)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }
    }

    public async IAsyncEnumerable<DocumentBatch> ReadDocumentsAsync(string? after, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (fromShard, fromRow) = after?.Split('\n', 2) is [var from, var row] ? (from, row) : (string.Empty, DocumentsFrom);
        foreach (var shard in tables.Shards.Where(s => string.CompareOrdinal(s, fromShard) >= 0))
        {
            var start = shard == fromShard ? fromRow : DocumentsFrom;
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shard} and RowKey gt {start} and RowKey lt {DocumentsUntil}");
            await foreach (var page in tables.DocumentScansIn(shard).QueryAsync<TableEntity>(filter, pageSize, cancellationToken: cancellationToken).AsPages(pageSizeHint: pageSize))
            {
                if (page.Values.Count > 0)
                {
                    yield return new DocumentBatch(page.Values.Select(DocumentRows.FromEntity).ToList(), shard + "\n" + page.Values[^1].RowKey);
                }
            }
        }
    }

    public async IAsyncEnumerable<IReadOnlyList<DocumentFacts>> ReadListedAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sixHours = SixHourTable();
        var filter = TableClient.CreateQueryFilter($"TableName ge {Prefix + "list"} and TableName lt {Prefix + "list~"}");
        var names = new List<string>();
        await foreach (var table in service.QueryAsync(filter, cancellationToken: cancellationToken))
        {
            if (sixHours.IsMatch(table.Name[Prefix.Length..]))
            {
                names.Add(table.Name);
            }
        }

        // The newest-first rows (the ones with the facts): row keys "n…" of the listing partition.
        var rows = TableClient.CreateQueryFilter($"PartitionKey eq {ListingRows.Partition} and RowKey ge {ListingRows.NewestFirst} and RowKey lt {ListingRows.NewestFirst + "~"}");
        foreach (var name in names)
        {
            var facts = new List<DocumentFacts>();
            await foreach (var row in service.GetTableClient(name).QueryAsync<TableEntity>(rows, 1000, cancellationToken: cancellationToken))
            {
                if (ListingRows.FromEntity(row) is { } listed)
                {
                    facts.Add(listed);
                }
            }

            yield return facts;
        }
    }

    // Documents' rows (RowKeys.Document): "d|{dealer}|{type}|{ulid}".
    private const string DocumentsFrom = "d|";
    private const string DocumentsUntil = "d|~";
    private static readonly string[] KeysOnly = ["PartitionKey", "RowKey"];

    /// <summary>The six-hour listing tables (<see cref="TableSet.Listing"/>: <c>list</c> + yyyyMMddHH), not the dealer weeks or older layouts.</summary>
    [GeneratedRegex("^list[0-9]{10}$", RegexOptions.CultureInvariant)]
    private static partial Regex SixHourTable();
}
