using Azure.Data.Tables;
using Dms.Hub.Insights;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Console.Tests.Insights;

/// <summary>
/// The dealers' health rows and gauges are copied to a small table of their own, which the dealer list reads (the
/// counter table is walked whole by Azurite for every range query): the copy equals the rows of record after
/// projection, and a copy left behind (a process stopped between a count and its copy) is set right by the next
/// process to take the projector lease.
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

        var (next, _) = await stores.StartAsync(sharing: prefix);
        await using var __ = next;
        Assert.True((await next.GetRequiredService<InsightsProjector>().RunOnceAsync(sweep: true, CancellationToken.None)).Leased);
        Assert.Equal(before, await CopyMatchesAsync(prefix));
    }

    /// <summary>The copy's rows, each equal to its row of record (keys and counters); returns them as text.</summary>
    private async Task<List<string>> CopyMatchesAsync(string prefix)
    {
        var range = TableClient.CreateQueryFilter($"PartitionKey eq {"c"} and RowKey ge {"G|"} and RowKey lt {"H|~"}");
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
