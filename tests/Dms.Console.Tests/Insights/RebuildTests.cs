using Azure.Data.Tables;
using Dms.Adapters.AzureStorage;
using Dms.Adapters.Rest;
using Dms.Hub;
using Dms.Hub.Dealers;
using Dms.Hub.Insights;
using Dms.Hub.Insights.Rebuild;
using Dms.Hub.Operations;
using Dms.Hub.Storage;
using Dms.Hub.Workflow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dms.Console.Tests.Insights;

/// <summary>
/// The read-model rebuild on real Azurite: a store whose read model was deleted or written in another layout, rebuilt
/// from its documents, holds the same listing, search-key, open-set and counter rows as the same documents freshly
/// projected — also when the rebuild is interrupted and resumed, run twice, or a document changes while it runs.
/// </summary>
[Collection(ConsoleHub.Name)]
public sealed class RebuildTests(ConsoleFixture fixture)
{
    private static readonly Dealer[] Dealers =
    [
        new() { Code = "RB01", Name = "Rebuild one", Region = "North", District = "North-A", Brand = "Aurora" },
        new() { Code = "RB02", Name = "Rebuild two", Region = "South", District = "South-A", Brand = "Aurora" },
        new() { Code = "RB03", Name = "Rebuild three", Region = "South", Brand = "Aurora" },
    ];

    [Fact]
    public async Task WipedOrOldLayoutReadModel_RebuiltEqualsAFreshProjection_AndSearchFindsEveryVin()
    {
        var (fresh, freshPrefix) = await StartAsync();
        var (old, oldPrefix) = await StartAsync();
        var documents = Generate(fresh, 140);
        await ProjectAsync(fresh, documents);
        await ProjectAsync(old, documents);
        await WreckAsync(oldPrefix);

        var rebuild = old.GetRequiredService<ReadModelRebuild>();
        rebuild.PageSize = 30;
        var progress = new List<RebuildCheckpoint>();
        rebuild.Observer = (c, _) => { progress.Add(c); return Task.CompletedTask; };
        var result = await rebuild.RunAsync("admin-1", "old layout", CancellationToken.None);

        Assert.Equal(documents.Count, result!.Documents);
        Assert.Equal(documents.Count, result.Listed);
        Assert.Contains(progress, c => c.Phase == RebuildCheckpoint.Listing && c.Listed is > 0 and < 140); // progress shown page by page
        Assert.All(progress, c => Assert.Equal(documents.Count, c.Expected)); // "k of N": N counted by the old read model before clearing
        Assert.Contains(progress, c => c.Phase == RebuildCheckpoint.Counting && c.Counted == documents.Count);
        Assert.False(await TableExistsAsync(oldPrefix + "insightskeys")); // the table before session 7's search buckets, dropped for good
        await AssertSameReadModelAsync(freshPrefix, oldPrefix);
        Assert.Equal(ReadModelLayout.Version, await old.GetRequiredService<IReadModelMaintenance>().GetVersionAsync(CancellationToken.None));
        Assert.Null(await old.GetRequiredService<IReadModelMaintenance>().GetCheckpointAsync(CancellationToken.None));

        var search = old.GetRequiredService<DocumentSearch>();
        var facts = Facts(old, documents);
        foreach (var vehicle in facts.Where(f => f.Vin is not null).GroupBy(f => f.Vin!).Take(8))
        {
            var hits = (await search.SearchAsync(vehicle.Key, ViewScope.Everything, CancellationToken.None)).Hits.Select(h => h.Facts.TrackingId).Order().ToList();
            Assert.Equal(vehicle.Select(f => f.TrackingId).Order().ToList(), hits);
        }

        foreach (var document in facts.Take(10))
        {
            Assert.Contains((await search.SearchAsync(document.TrackingId, ViewScope.Everything, CancellationToken.None)).Hits, h => h.Facts.TrackingId == document.TrackingId);
        }

        var audit = await old.GetRequiredService<IAuditLog>().ListAsync(new AuditQuery(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1), 100), CancellationToken.None);
        var record = Assert.Single(audit.Items, r => r.Action == "RebuiltReadModel");
        Assert.Equal(("admin-1", "old layout", documents.Count), (record.ActorId, record.Reason, record.Count));

        // Run twice: the same rows again (nothing added to counters, no reference twice).
        await rebuild.RunAsync("admin-1", "again", CancellationToken.None);
        await AssertSameReadModelAsync(freshPrefix, oldPrefix);

        // The projector afterwards finds nothing to change.
        Assert.Equal(0, await old.GetRequiredService<ProjectionWriter>().ProjectAsync(facts, CancellationToken.None));
        await fresh.DisposeAsync();
        await old.DisposeAsync();
    }

    [Fact]
    public async Task RebuildInterruptedWhileListingAndWhileCounting_ResumesToTheSameReadModel()
    {
        var (fresh, freshPrefix) = await StartAsync();
        var (old, oldPrefix) = await StartAsync();
        var documents = Generate(fresh, 120);
        await ProjectAsync(fresh, documents);
        await ProjectAsync(old, documents);
        await WreckAsync(oldPrefix);

        var rebuild = old.GetRequiredService<ReadModelRebuild>();
        rebuild.PageSize = 25;
        rebuild.Observer = (c, _) => c.Phase == RebuildCheckpoint.Listing && c.Listed >= 50 ? throw new SimulatedCrash() : Task.CompletedTask;
        await Assert.ThrowsAsync<SimulatedCrash>(() => rebuild.RunAsync("admin-2", "crash test", CancellationToken.None));
        var stopped = await old.GetRequiredService<IReadModelMaintenance>().GetCheckpointAsync(CancellationToken.None);
        Assert.Equal((RebuildCheckpoint.Listing, 50L), (stopped!.Phase, stopped.Listed));

        // Resumed (after the crashed run's lease lapses), stopped again once counting has begun.
        var resumedAt = new List<long>();
        rebuild.Observer = (c, _) =>
        {
            resumedAt.Add(c.Listed);
            return c.Phase == RebuildCheckpoint.Counting && c.Counted > 0 ? throw new SimulatedCrash() : Task.CompletedTask;
        };
        await Assert.ThrowsAsync<SimulatedCrash>(() => rebuild.RunAsync("admin-2", "crash test", CancellationToken.None));
        Assert.Equal(75L, resumedAt[0]); // went on from its checkpoint: the 50 listed were not listed again

        // Left to the projector's start-up check, which finishes it.
        rebuild.Observer = null;
        await old.GetRequiredService<ReadModelUpkeep>().EnsureCurrentAsync(CancellationToken.None);
        Assert.Null(await old.GetRequiredService<IReadModelMaintenance>().GetCheckpointAsync(CancellationToken.None));
        await AssertSameReadModelAsync(freshPrefix, oldPrefix);
        var audit = await old.GetRequiredService<IAuditLog>().ListAsync(new AuditQuery(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1), 100), CancellationToken.None);
        var record = Assert.Single(audit.Items, r => r.Action == "RebuiltReadModel");
        Assert.Equal(("admin-2", documents.Count), (record.ActorId, record.Count)); // the requester of the interrupted run
        await fresh.DisposeAsync();
        await old.DisposeAsync();
    }

    [Fact]
    public async Task DocumentsChangedWhileTheRebuildRuns_AreReflectedAfterIt()
    {
        var (old, oldPrefix) = await StartAsync();
        var documents = Generate(old, 120);
        await ProjectAsync(old, documents);
        await WreckAsync(oldPrefix);
        var store = old.GetRequiredService<IDocumentStore>();

        // Changed after the first page was listed: a document already listed (before its change) and one not yet.
        var rebuild = old.GetRequiredService<ReadModelRebuild>();
        rebuild.PageSize = 20;
        var listing = old.GetRequiredService<IListingStore>();
        var changed = new List<DocumentRecord>();
        rebuild.Observer = async (c, ct) =>
        {
            if (c.Phase == RebuildCheckpoint.Listing && c.Listed > 0 && changed.Count == 0)
            {
                var listed = new List<bool>();
                foreach (var document in documents)
                {
                    listed.Add(await listing.GetAsync(document.TrackingId, ct) is not null);
                }

                Assert.Equal(20, listed.Count(l => l));
                foreach (var target in new[] { documents[listed.IndexOf(true)], documents[listed.IndexOf(false)] })
                {
                    changed.Add(await ChangeAsync(store, target, documents.First(d => d.Status != target.Status).Status, ct));
                }
            }
        };
        await rebuild.RunAsync("admin-3", "change test", CancellationToken.None);
        Assert.Equal(2, changed.Count);

        // The projector takes the changes the rebuild left to it.
        var projector = old.GetRequiredService<InsightsProjector>();
        for (var i = 0; i < 20 && await projector.PendingAsync(CancellationToken.None) > 0; i++)
        {
            await projector.RunOnceAsync(sweep: true, CancellationToken.None);
        }

        Assert.Equal(0, await projector.PendingAsync(CancellationToken.None));
        foreach (var document in changed)
        {
            var listed = await old.GetRequiredService<IListingStore>().GetAsync(document.TrackingId, CancellationToken.None);
            Assert.Equal((document.Revision, document.Status), (listed!.Revision, listed.Status));
        }

        // The same read model as a fresh projection of the documents as they stand now.
        var (fresh, freshPrefix) = await StartAsync();
        var now = documents.Select(d => changed.FirstOrDefault(c => c.TrackingId == d.TrackingId) ?? d).ToList();
        await ProjectAsync(fresh, now);
        await AssertSameReadModelAsync(freshPrefix, oldPrefix);
        await fresh.DisposeAsync();
        await old.DisposeAsync();
    }

    [Fact]
    public async Task LeaseTakenFromALiveProjector_IsHeldAndWaitedOutForATerm_SoItsCycleInFlightIsCleared()
    {
        var (fresh, freshPrefix) = await StartAsync();
        var (hub, prefix) = await StartAsync();
        var (other, _) = await StartAsync(sharing: prefix); // another process on the same store, its projector live
        var documents = Generate(fresh, 60);
        await ProjectAsync(fresh, documents);
        await ProjectAsync(hub, documents);
        var projector = other.GetRequiredService<InsightsProjector>();
        Assert.True((await projector.RunOnceAsync(sweep: false, CancellationToken.None)).Leased);
        var lease = (await new TableServiceClient(fixture.Azurite.ConnectionString).GetTableClient(prefix + "insightscounts").GetEntityAsync<TableEntity>("c", "~lease|" + InsightsProjector.LeaseName)).Value;
        var leaseUntil = lease.GetDateTimeOffset("Until")!.Value;

        // The rebuild starts while that lease runs; the projector's cycle in flight writes once more before its lease
        // ends (a stale revision of a document — projected after the clearing, it would stay).
        var rebuild = hub.GetRequiredService<ReadModelRebuild>();
        var saved = new List<RebuildCheckpoint>();
        rebuild.Observer = (c, _) => { lock (saved) { saved.Add(c); } return Task.CompletedTask; };
        var running = rebuild.RunAsync("admin-4", "take-over test", CancellationToken.None);
        var late = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromTicks(Math.Max(0, (leaseUntil - DateTimeOffset.UtcNow - TimeSpan.FromSeconds(1.5)).Ticks)));
            var stale = Generate(fresh, 60)[0];
            stale.Status = documents.First(d => d.Status != stale.Status).Status;
            stale.Revision++;
            return await other.GetRequiredService<ProjectionWriter>().ProjectAsync(Facts(other, [stale]), CancellationToken.None);
        });

        // Meanwhile the projector asks for its lease again (after a quarter term it no longer assumes it holds it): refused.
        var asked = new List<bool>();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        while (!running.IsCompleted && !Cleared(saved))
        {
            asked.Add((await projector.RunOnceAsync(sweep: false, CancellationToken.None)).Leased);
            await Task.Delay(TimeSpan.FromMilliseconds(400));
        }

        Assert.Equal(documents.Count, (await running)!.Documents);
        Assert.Equal(1, await late); // written — before the clearing
        var waiting = Assert.Single(saved, c => c.WaitingUntil is not null); // what the page and the banner show meanwhile
        Assert.Contains("waiting up to", RebuildProgress.Of(waiting, waiting.UpdatedAt).Describe(), StringComparison.Ordinal);
        var clearing = saved.First(c => c.Phase == RebuildCheckpoint.Clearing && c.WaitingUntil is null);
        Assert.True(clearing.UpdatedAt >= leaseUntil, $"cleared at {clearing.UpdatedAt:HH:mm:ss.fff}, before the projector's lease ended at {leaseUntil:HH:mm:ss.fff}");
        Assert.True(asked.Count >= 3, $"the projector asked {asked.Count} times");
        Assert.DoesNotContain(true, asked);
        await AssertSameReadModelAsync(freshPrefix, prefix);

        // Released at the end: the projector projects again.
        Assert.True((await projector.RunOnceAsync(sweep: false, CancellationToken.None)).Leased);
        await fresh.DisposeAsync();
        await hub.DisposeAsync();
        await other.DisposeAsync();
    }

    private static bool Cleared(List<RebuildCheckpoint> saved)
    {
        lock (saved)
        {
            return saved.Any(c => c.Phase != RebuildCheckpoint.Clearing || c.WaitingUntil is null);
        }
    }

    private static async Task<DocumentRecord> ChangeAsync(IDocumentStore store, DocumentRecord original, string status, CancellationToken cancellationToken)
    {
        var current = (await store.GetAsync(original.DealerCode, original.DocumentType, original.TrackingId, cancellationToken))!;
        current.Status = status;
        current.Revision++;
        current.UpdatedAt = DateTimeOffset.UtcNow;
        Assert.Equal(CommitResult.Committed, await store.CommitAsync(new ChangeSet(current.DealerCode) { Document = current }, cancellationToken));
        return (await store.GetAsync(original.DealerCode, original.DocumentType, original.TrackingId, cancellationToken))!;
    }

    /// <summary>
    /// What an old store looks like to new code: listing tables gone (or in another layout), a search row and a counter
    /// row of another layout, a projection receipt left by a crash.
    /// </summary>
    private async Task WreckAsync(string prefix)
    {
        var service = new TableServiceClient(fixture.Azurite.ConnectionString);
        var kept = false;
        await foreach (var table in service.QueryAsync(t => t.Name.CompareTo(prefix + "list") >= 0 && t.Name.CompareTo(prefix + "list~") < 0))
        {
            if (kept)
            {
                await service.DeleteTableAsync(table.Name);
                continue;
            }

            // One table kept, with a row in the layout before session 11 (newest-first rows in partition "n").
            kept = true;
            await service.GetTableClient(table.Name).UpsertEntityAsync(new TableEntity("n", "n000000000000001|old") { ["Status"] = "old" });
        }

        await service.GetTableClient(prefix + "list20200101").CreateIfNotExistsAsync();
        await service.GetTableClient(prefix + "list20200101").AddEntityAsync(new TableEntity("n", "old-day-row") { ["Facts"] = "{}" });
        await service.GetTableClient(prefix + "insightssearch").UpsertEntityAsync(new TableEntity("f", "ffff") { ["k_old"] = "stale" });
        await service.GetTableClient(prefix + "insightscounts").UpsertEntityAsync(new TableEntity("c", "d|all|retail-delivery-report|20200101") { ["mreceived"] = 7L });
        await service.GetTableClient(prefix + "insightsopenfailures").UpsertEntityAsync(new TableEntity("x", "stale") { ["Region"] = "North" });
        await service.GetTableClient(prefix + "insightskeys").CreateIfNotExistsAsync();
        await service.GetTableClient(prefix + "insightskeys").AddEntityAsync(new TableEntity("k", "vin|OLD") { ["TrackingId"] = "old" });
    }

    private async Task<bool> TableExistsAsync(string name)
    {
        await foreach (var _ in new TableServiceClient(fixture.Azurite.ConnectionString).QueryAsync(t => t.Name == name))
        {
            return true;
        }

        return false;
    }

    private static async Task ProjectAsync(ServiceProvider provider, List<DocumentRecord> documents)
    {
        await provider.GetRequiredService<IDocumentBulkLoader>().LoadAsync(documents, withNumberKeys: false, CancellationToken.None);
        Assert.Equal(documents.Count, await provider.GetRequiredService<ProjectionWriter>().ProjectAsync(Facts(provider, documents), CancellationToken.None));
    }

    private static List<DocumentFacts> Facts(IServiceProvider provider, List<DocumentRecord> documents)
    {
        var builder = provider.GetRequiredService<FactsBuilder>();
        return documents.Select(d => builder.Build(d, Dealers.Single(x => x.Code == d.DealerCode))).ToList();
    }

    /// <summary>Every read-model table of <paramref name="expectedPrefix"/> row for row in <paramref name="actualPrefix"/>, and nothing more there.</summary>
    private async Task AssertSameReadModelAsync(string expectedPrefix, string actualPrefix)
    {
        var service = new TableServiceClient(fixture.Azurite.ConnectionString);
        var compared = 0;
        var names = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var table in service.QueryAsync(t => t.Name.CompareTo(expectedPrefix) >= 0 && t.Name.CompareTo(expectedPrefix + "~") < 0))
        {
            var name = table.Name[expectedPrefix.Length..];
            if (name.StartsWith("list", StringComparison.Ordinal) || name.StartsWith("insights", StringComparison.Ordinal))
            {
                names.Add(name);
                var expected = await RowsAsync(service, table.Name);
                Assert.Equal(expected, await RowsAsync(service, actualPrefix + name));
                compared += expected.Count;
            }
        }

        Assert.True(compared > 400, $"only {compared} rows compared");
        await foreach (var table in service.QueryAsync(t => t.Name.CompareTo(actualPrefix) >= 0 && t.Name.CompareTo(actualPrefix + "~") < 0))
        {
            var name = table.Name[actualPrefix.Length..];
            if ((name.StartsWith("list", StringComparison.Ordinal) || name.StartsWith("insights", StringComparison.Ordinal)) && !names.Contains(name))
            {
                Assert.Empty(await RowsAsync(service, table.Name));
            }
        }
    }

    /// <summary>
    /// A table's rows as text, without what the service stamps or the bookkeeping rows (<c>~…</c>); counters without
    /// the zeros a projected change leaves behind (a status counted down to 0 is the same count as one never counted).
    /// </summary>
    private static async Task<List<string>> RowsAsync(TableServiceClient service, string table)
    {
        var rows = new List<string>();
        var counters = table.EndsWith("insightscounts", StringComparison.Ordinal);
        await foreach (var entity in service.GetTableClient(table).QueryAsync<TableEntity>())
        {
            var properties = entity.Where(p => p.Key is not ("odata.etag" or "Timestamp") && !(counters && p.Value is 0L))
                .OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
            if (entity.RowKey.StartsWith('~') || (counters && properties.All(p => p.Key is "PartitionKey" or "RowKey")))
            {
                continue;
            }

            rows.Add(string.Join(";", properties.Select(p => p.Key + "=" + (p.Value is byte[] bytes ? Convert.ToBase64String(bytes) : Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture)))));
        }

        return rows;
    }

    private async Task<(ServiceProvider Provider, string Prefix)> StartAsync(string? sharing = null)
    {
        var prefix = sharing ?? "r" + Guid.NewGuid().ToString("N")[..10];
        var settings = HubSettings.Defaults(fixture.Azurite.ConnectionString, prefix, "http://127.0.0.1:9/oem", "http://127.0.0.1:9/hq", "http://127.0.0.1:9/orders", "http://127.0.0.1:9/parts");
        settings["Dms:Insights:LeaseSeconds"] = "5";
        var services = new ServiceCollection().AddLogging().AddMetrics();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        services.AddDmsHub(configuration).AddAzureStorageAdapter(configuration).AddRestAdapter(configuration);
        var provider = services.BuildServiceProvider();
        var initializer = provider.GetServices<IHostedService>().OfType<BackgroundService>().Single(s => s.GetType().Name == "StorageInitializer");
        await initializer.StartAsync(CancellationToken.None);
        await initializer.ExecuteTask!;
        foreach (var dealer in Dealers)
        {
            await provider.GetRequiredService<IDealerStore>().UpsertAsync(dealer, CancellationToken.None);
        }

        return (provider, prefix);
    }

    private static List<DocumentRecord> Generate(IServiceProvider services, int count) => BulkImportTests.Generate(services, Dealers, count, seed: 11);

    private sealed class SimulatedCrash : Exception;
}
