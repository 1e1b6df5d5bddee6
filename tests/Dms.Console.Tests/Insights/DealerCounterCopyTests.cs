using Azure.Data.Tables;
using Dms.Hub.Insights;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Console.Tests.Insights;

/// <summary>
/// The dealers' health rows and gauges, and the failure tally, are copied to a small table of their own, which the
/// dealer list and the Failures page read (the counter table is walked whole by Azurite for every range query): the copy equals the rows of record after
/// projection, it is written at most once per interval (and before the counters' "as of" time moves), and a copy left
/// behind (a process stopped between a count and its copy) is set right by the next process to take the projector lease.
/// </summary>
[Collection(ConsoleHub.Name)]
public sealed class DealerCounterCopyTests(ConsoleFixture fixture)
{
    private readonly RebuildStores stores = new(fixture.Azurite);

    [Fact]
    public async Task DealerRows_AreCopiedWhenCounted_AndTheDealerListReadsTheCopy()
    {
        var (provider, prefix) = await stores.StartAsync();
        await using var _ = provider;
        await RebuildStores.ProjectAsync(provider, RebuildStores.Generate(provider, 60));
        var copy = await CopyMatchesAsync(prefix);
        Assert.Contains(copy, r => r.StartsWith("H|", StringComparison.Ordinal));
        Assert.Contains(copy, r => r.StartsWith("G|", StringComparison.Ordinal));
        Assert.Contains(copy, r => r.StartsWith("F|", StringComparison.Ordinal));

        // The dealer list's reads come from the copy: a value changed there is what they return.
        var counters = provider.GetRequiredService<CounterReader>();
        var gauge = (await counters.DealerGaugesAsync(null, CancellationToken.None)).First(r => r.Values.Count > 0);
        var table = Table(prefix + "insightsdealercounts");
        var row = (await table.GetEntityAsync<TableEntity>("c", $"G|{gauge.Key.Scope.DealerCode}|{gauge.Key.DocumentType}")).Value;
        foreach (var column in row.Where(p => p.Value is long).Select(p => p.Key).ToList())
        {
            row[column] = 1_000_000L;
        }

        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        var read = (await counters.DealerGaugesAsync(null, CancellationToken.None)).Single(r => r.Key == gauge.Key);
        Assert.Equal(gauge.Values.Keys.Order(StringComparer.Ordinal), read.Values.Keys.Order(StringComparer.Ordinal));
        Assert.All(read.Values.Values, v => Assert.Equal(1_000_000, v));
        var weeks = await counters.DealerHealthAsync(DateTimeOffset.UtcNow.AddDays(-60), DateTimeOffset.UtcNow.AddDays(2), CancellationToken.None);
        Assert.Equal(copy.Count(r => r.StartsWith("H|", StringComparison.Ordinal)), weeks.Count);

        // So do the Failures page's groups: with the tally's copy gone (its rows of record kept), it has none.
        var failures = provider.GetRequiredService<FailureGroups>();
        var none = new Dictionary<string, Failure?>(StringComparer.Ordinal);
        Assert.NotEmpty((await failures.SummaryAsync(ViewScope.Everything, new(), none, 10, CancellationToken.None)).Groups);
        foreach (var failure in copy.Where(r => r.StartsWith("F|", StringComparison.Ordinal)))
        {
            await table.DeleteEntityAsync("c", failure.Split(';')[0]);
        }

        Assert.Empty((await failures.SummaryAsync(ViewScope.Everything, new(), none, 10, CancellationToken.None)).Groups);
    }

    [Fact]
    public async Task CopyLeftBehind_IsSetRightByTheNextProcessToTakeTheProjectorLease()
    {
        var (provider, prefix) = await stores.StartAsync();
        await RebuildStores.ProjectAsync(provider, RebuildStores.Generate(provider, 60));
        await provider.DisposeAsync();
        var before = await CopyMatchesAsync(prefix);

        // As if the last process stopped between committing counts and copying them: a row missing, one stale, one stray.
        var table = Table(prefix + "insightsdealercounts");
        var missing = before.First(r => r.StartsWith("H|", StringComparison.Ordinal)).Split(';')[0];
        await table.DeleteEntityAsync("c", missing);
        var stale = (await table.GetEntityAsync<TableEntity>("c", before.First(r => r.StartsWith("G|", StringComparison.Ordinal)).Split(';')[0])).Value;
        stale["mreceived"] = -5L;
        await table.UpdateEntityAsync(stale, stale.ETag, TableUpdateMode.Replace);
        await table.AddEntityAsync(new TableEntity("c", "H|20200106|ZZ99") { ["mreceived_4020200106"] = 3L });
        var untouched = (await ETagsAsync(prefix + "insightsdealercounts")).Where(e => e.Key != stale.RowKey && !e.Key.EndsWith("ZZ99", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(untouched);

        var (next, _) = await stores.StartAsync(sharing: prefix);
        await using var __ = next;
        Assert.True((await next.GetRequiredService<InsightsProjector>().RunOnceAsync(sweep: true, CancellationToken.None)).Leased);
        Assert.Equal(before, await CopyMatchesAsync(prefix));
        var etags = await ETagsAsync(prefix + "insightsdealercounts");
        Assert.All(untouched, e => Assert.Equal(e.Value, etags[e.Key])); // rows in step are not written again
    }

    /// <summary>
    /// The copy is written at most once per interval, not after every count: counts inside the interval are kept in
    /// memory (the copy's rows not touched, but for the failure tally's), and all of them are written before the
    /// counters' "as of" time moves — or with the next count once the interval has passed.
    /// </summary>
    [Fact]
    public async Task CountsWithinTheInterval_AreCopiedTogether_BeforeTheCountersAsOfMoves()
    {
        var (provider, prefix) = await stores.StartAsync(settings: new Dictionary<string, string?> { ["Dms:Insights:DealerCopySeconds"] = "3600" });
        await using var _ = provider;
        var documents = RebuildStores.Generate(provider, 90);
        await RebuildStores.ProjectAsync(provider, documents.GetRange(0, 30)); // a process's first count is copied at once
        await CopyMatchesAsync(prefix);
        var copied = await ETagsAsync(prefix + "insightsdealercounts");
        var ofRecord = await ETagsAsync(prefix + "insightscounts");

        await RebuildStores.ProjectAsync(provider, documents.GetRange(30, 30));
        Assert.Contains(await ETagsAsync(prefix + "insightscounts"), r => r.Key.StartsWith("G|", StringComparison.Ordinal) && r.Value != ofRecord.GetValueOrDefault(r.Key));
        Assert.Equal(DealerRows(copied), DealerRows(await ETagsAsync(prefix + "insightsdealercounts"))); // not one dealer row of the copy written
        Assert.NotEmpty(await CopyMatchesAsync(prefix, "F|", "F|~")); // but the failure tally's, with their count (see WriteIfDueAsync)

        await provider.GetRequiredService<ICounterStore>().SetWatermarkAsync(DateTimeOffset.UtcNow, CancellationToken.None);
        await CopyMatchesAsync(prefix);

        // With the interval passed, the next count writes the copy itself.
        var (next, _) = await stores.StartAsync(sharing: prefix, settings: new Dictionary<string, string?> { ["Dms:Insights:DealerCopySeconds"] = "1" });
        await using var __ = next;
        await RebuildStores.ProjectAsync(next, documents.GetRange(60, 15));
        await CopyMatchesAsync(prefix);
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await RebuildStores.ProjectAsync(next, documents.GetRange(75, 15));
        await CopyMatchesAsync(prefix);
    }

    /// <summary>
    /// Everyone's, each region's and each district's hours, days and weeks are copied to a table per scope and month,
    /// which counts over a range read (the counter table is walked whole by Azurite): every such row of record is in its
    /// copy, a count reads the copy, and a range over two months reads both months' tables.
    /// </summary>
    [Fact]
    public async Task ScopeRows_AreCopiedToTheirScopesMonth_AndCountsReadTheCopy()
    {
        var (provider, prefix) = await stores.StartAsync();
        await using var _ = provider;
        await RebuildStores.ProjectAsync(provider, RebuildStores.Generate(provider, 60));
        var ofRecord = await ScopeCopiesMatchAsync(prefix);
        Assert.Contains(ofRecord, r => r.StartsWith("h|*|", StringComparison.Ordinal));
        Assert.Contains(ofRecord, r => r.StartsWith("d|r:", StringComparison.Ordinal));
        Assert.Contains(ofRecord, r => r.StartsWith("w|t:", StringComparison.Ordinal));

        // Every hour of everyone's counted over the documents' six days (today: across two months) is read back.
        var counters = provider.GetRequiredService<CounterReader>();
        var type = ofRecord.First(r => r.StartsWith("h|*|", StringComparison.Ordinal)).Split('|')[2];
        var hours = ofRecord.Where(r => r.StartsWith($"h|*|{type}|", StringComparison.Ordinal)).ToList();
        var read = await counters.RowsAsync(CounterScope.All, CounterGrain.Hour, [type], DateTimeOffset.UtcNow.AddDays(-6), DateTimeOffset.UtcNow.AddHours(1), null, CancellationToken.None);
        Assert.Equal(hours.Count, read.Count);

        // The count comes from the copy: a value changed there is what it returns.
        var key = hours[0].Split(';')[0];
        var copy = Table(ScopeTable(prefix, key));
        var row = (await copy.GetEntityAsync<TableEntity>("c", key)).Value;
        row["mreceived"] = 1_000_000L;
        await copy.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        var hour = DateTimeOffset.ParseExact(key.Split('|')[3], "yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
        var changed = await counters.RowsAsync(CounterScope.All, CounterGrain.Hour, [type], hour, hour.AddHours(1), null, CancellationToken.None);
        Assert.Equal(1_000_000L, Assert.Single(changed).Values["received"]);
    }

    [Fact]
    public async Task ScopeCopyLeftBehind_IsSetRightByTheNextProcessToTakeTheProjectorLease()
    {
        var (provider, prefix) = await stores.StartAsync();
        await RebuildStores.ProjectAsync(provider, RebuildStores.Generate(provider, 60));
        await provider.DisposeAsync();
        var before = await ScopeCopiesMatchAsync(prefix);

        // As if the last process stopped between committing counts and copying them: a row missing, one stale, one stray.
        var missing = before.First(r => r.StartsWith("h|", StringComparison.Ordinal)).Split(';')[0];
        await Table(ScopeTable(prefix, missing)).DeleteEntityAsync("c", missing);
        var staleKey = before.First(r => r.StartsWith("d|", StringComparison.Ordinal)).Split(';')[0];
        var stale = (await Table(ScopeTable(prefix, staleKey)).GetEntityAsync<TableEntity>("c", staleKey)).Value;
        stale["mreceived"] = -5L;
        await Table(ScopeTable(prefix, staleKey)).UpdateEntityAsync(stale, stale.ETag, TableUpdateMode.Replace);
        await Table(ScopeTable(prefix, missing)).AddEntityAsync(new TableEntity("c", missing[..^2] + "99") { ["mreceived"] = 3L });
        var tables = before.Select(r => ScopeTable(prefix, r.Split(';')[0])).Distinct(StringComparer.Ordinal).ToList();
        var untouched = (await ScopeETagsAsync(tables)).Where(e => e.Key != staleKey && e.Key != missing[..^2] + "99").ToList();
        Assert.NotEmpty(untouched);

        var (next, _) = await stores.StartAsync(sharing: prefix);
        await using var __ = next;
        Assert.True((await next.GetRequiredService<InsightsProjector>().RunOnceAsync(sweep: true, CancellationToken.None)).Leased);
        Assert.Equal(before, await ScopeCopiesMatchAsync(prefix));
        var etags = await ScopeETagsAsync(tables);
        Assert.All(untouched, e => Assert.Equal(e.Value, etags[e.Key])); // rows in step are not written again
    }

    /// <summary>The copy table of a scope row: <c>scopecounts</c>, the bucket's month, 10 hex digits of the SHA-256 of the scope as the key writes it.</summary>
    private static string ScopeTable(string prefix, string rowKey)
    {
        var parts = rowKey.Split('|');
        return prefix + "scopecounts" + parts[3][..6] + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(parts[1])).AsSpan(0, 5));
    }

    /// <summary>The scope rows of record (everyone, regions, districts), each equal to its copy — and no copy row without one; returns them as text.</summary>
    private async Task<List<string>> ScopeCopiesMatchAsync(string prefix)
    {
        var ofRecord = new List<string>();
        foreach (var grain in new[] { "d", "h", "q", "w" })
        {
            var range = TableClient.CreateQueryFilter($"PartitionKey eq {"c"} and RowKey ge {grain + "|"} and RowKey lt {grain + "|~"}");
            ofRecord.AddRange((await RowsAsync(Table(prefix + "insightscounts"), range)).Where(r => r.Split('|')[1] is "*" || r.Split('|')[1].StartsWith("r:", StringComparison.Ordinal) || r.Split('|')[1].StartsWith("t:", StringComparison.Ordinal)));
        }

        Assert.NotEmpty(ofRecord);
        var copies = new List<string>();
        foreach (var table in ofRecord.Select(r => ScopeTable(prefix, r.Split(';')[0])).Distinct(StringComparer.Ordinal))
        {
            copies.AddRange(await RowsAsync(Table(table), TableClient.CreateQueryFilter($"PartitionKey eq {"c"}")));
        }

        Assert.Equal(ofRecord.Order(StringComparer.Ordinal), copies.Order(StringComparer.Ordinal));
        return ofRecord;
    }

    private async Task<Dictionary<string, string>> ScopeETagsAsync(IEnumerable<string> tables)
    {
        var etags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await foreach (var entity in Table(table).QueryAsync<TableEntity>(select: ["RowKey"]))
            {
                etags[entity.RowKey] = entity.ETag.ToString();
            }
        }

        return etags;
    }

    private async Task<Dictionary<string, string>> ETagsAsync(string table)
    {
        var range = TableClient.CreateQueryFilter($"PartitionKey eq {"c"} and RowKey ge {"F|"} and RowKey lt {"H|~"}");
        var etags = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var entity in Table(table).QueryAsync<TableEntity>(range))
        {
            etags[entity.RowKey] = entity.ETag.ToString();
        }

        return etags;
    }

    private static Dictionary<string, string> DealerRows(Dictionary<string, string> etags) =>
        etags.Where(e => !e.Key.StartsWith("F|", StringComparison.Ordinal)).ToDictionary(StringComparer.Ordinal);

    /// <summary>The copy's rows (failure tally, gauges, health rows), each equal to its row of record (keys and counters); returns them as text.</summary>
    private async Task<List<string>> CopyMatchesAsync(string prefix, string from = "F|", string until = "H|~")
    {
        var range = TableClient.CreateQueryFilter($"PartitionKey eq {"c"} and RowKey ge {from} and RowKey lt {until}");
        var ofRecord = await RowsAsync(Table(prefix + "insightscounts"), range);
        var copy = await RowsAsync(Table(prefix + "insightsdealercounts"), range);
        Assert.NotEmpty(ofRecord);
        Assert.Equal(ofRecord, copy);
        return copy;
    }

    private static async Task<List<string>> RowsAsync(TableClient table, string filter)
    {
        var rows = new List<string>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter))
        {
            rows.Add(entity.RowKey + ";" + string.Join(";", entity.Where(p => p.Value is long).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")));
        }

        return rows;
    }

    private TableClient Table(string name) => new TableServiceClient(fixture.Azurite.ConnectionString).GetTableClient(name);
}
