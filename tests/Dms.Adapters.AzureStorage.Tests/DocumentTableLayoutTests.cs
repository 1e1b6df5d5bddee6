using Azure.Data.Tables;
using Dms.Adapters.AzureStorage.Internal;
using Dms.Hub.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dms.Adapters.AzureStorage.Tests;

/// <summary>
/// Where the documents' rows live (<see cref="DocumentTableLayout"/>): a table per shard by default, one table for a
/// store written before — and a store of one layout is never read as the other.
/// </summary>
public sealed class DocumentTableLayoutTests(AzuriteFixture azurite)
{
    private const int Shards = 3;

    [Fact]
    public async Task PerShard_EachDealersRowsInItsShardsTable_AndOperatorsListPagesThroughEveryShard()
    {
        var prefix = "l" + Guid.NewGuid().ToString("N")[..10];
        await using var services = await StartAsync(prefix, DocumentTableLayout.PerShard);
        var store = services.GetRequiredService<IDocumentStore>();
        var tables = services.GetRequiredService<TableSet>();
        var dealers = Enumerable.Range(0, 12).Select(_ => Records.Dealer()).ToList();
        Assert.True(dealers.Select(tables.ShardOf).Distinct().Count() == Shards, "the dealers cover every shard");
        var committed = new List<string>();
        foreach (var dealer in dealers)
        {
            for (var i = 0; i < 2; i++)
            {
                var document = Records.Document(dealer);
                Assert.Equal(CommitResult.Committed, await store.CommitAsync(Records.Create(document), default));
                committed.Add(document.TrackingId);
            }
        }

        var service = new TableServiceClient(azurite.ConnectionString);
        foreach (var dealer in dealers)
        {
            var shard = tables.ShardOf(dealer);
            var own = service.GetTableClient(prefix + "documents" + shard[1..]);
            var rows = await own.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"DealerCode eq {dealer}"), select: ["RowKey"]).CountAsync();
            Assert.True(rows >= 2, $"{dealer}'s rows are in {own.Name}");
        }

        await Assert.ThrowsAsync<Azure.RequestFailedException>(() => service.GetTableClient(prefix + "documents").QueryAsync<TableEntity>(maxPerPage: 1).AsPages().FirstAsync().AsTask());

        var listed = new List<string>();
        string? token = null;
        do
        {
            var page = await store.ListAsync(new DocumentQuery(null, "warranty-claim", null, null, null, 5, token), default);
            Assert.True(page.Items.Count <= 5);
            listed.AddRange(page.Items.Select(i => i.TrackingId));
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal(committed.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SingleTableStore_ReadInItsLayout_AndRefusedAsPerShard()
    {
        var prefix = "l" + Guid.NewGuid().ToString("N")[..10];
        var dealer = Records.Dealer();
        var document = Records.Document(dealer);
        await using (var single = await StartAsync(prefix, DocumentTableLayout.OneTable))
        {
            Assert.Equal(CommitResult.Committed, await single.GetRequiredService<IDocumentStore>().CommitAsync(Records.Create(document), default));
        }

        var rows = await new TableServiceClient(azurite.ConnectionString).GetTableClient(prefix + "documents").QueryAsync<TableEntity>(select: ["RowKey"]).CountAsync();
        Assert.True(rows > 0, "the document's rows are in the one table");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () => await (await StartAsync(prefix, DocumentTableLayout.PerShard)).DisposeAsync());
        Assert.Contains("Dms:Storage:DocumentTables=OneTable", refused.Message, StringComparison.Ordinal);

        await using var again = await StartAsync(prefix, DocumentTableLayout.OneTable);
        Assert.Equal(document.TrackingId, (await again.GetRequiredService<IDocumentStore>().GetAsync(dealer, document.DocumentType, document.TrackingId, default))?.TrackingId);
    }

    /// <summary>The adapter's services in <paramref name="layout"/>, once its start-up (table creation, the layout check) has run.</summary>
    private async Task<ServiceProvider> StartAsync(string prefix, DocumentTableLayout layout)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dms:Storage:ConnectionString"] = azurite.ConnectionString,
            ["Dms:Storage:TablePrefix"] = prefix,
            ["Dms:Storage:ShardCount"] = Shards.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Dms:Storage:DocumentTables"] = layout.ToString(),
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        services.AddAzureStorageAdapter(configuration);
        var provider = services.BuildServiceProvider();
        var initializer = provider.GetServices<IHostedService>().OfType<BackgroundService>().Single(s => s.GetType().Name == "StorageInitializer");
        await initializer.StartAsync(CancellationToken.None);
        try
        {
            await initializer.ExecuteTask!;
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }

        return provider;
    }
}
