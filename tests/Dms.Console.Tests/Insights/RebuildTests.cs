using Azure.Data.Tables;
using Dms.Hub.Insights;
using Dms.Hub.Insights.Rebuild;
using Dms.Hub.Operations;
using Dms.Hub.Storage;
using Dms.Hub.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Console.Tests.Insights;

/// <summary>
/// The read-model rebuild on real Azurite: a store whose read model was deleted or written in another layout, rebuilt
/// from its documents, holds the same listing, search-key, open-set and counter rows as the same documents freshly
/// projected — also when the rebuild is interrupted and resumed, run twice, or a document changes while it runs.
/// </summary>
[Collection(ConsoleHub.Name)]
public sealed class RebuildTests(ConsoleFixture fixture)
{
    private readonly RebuildStores stores = new(fixture.Azurite);

    [Fact]
    public async Task WipedOrOldLayoutReadModel_RebuiltEqualsAFreshProjection_AndSearchFindsEveryVin()
    {
        var (fresh, freshPrefix) = await stores.StartAsync();
        var (old, oldPrefix) = await stores.StartAsync();
        var documents = RebuildStores.Generate(fresh, 140);
        await RebuildStores.ProjectAsync(fresh, documents);
        await RebuildStores.ProjectAsync(old, documents);
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
        await stores.AssertSameReadModelAsync(freshPrefix, oldPrefix);
        Assert.Equal(ReadModelLayout.Version, await old.GetRequiredService<IReadModelMaintenance>().GetVersionAsync(CancellationToken.None));
        Assert.Null(await old.GetRequiredService<IReadModelMaintenance>().GetCheckpointAsync(CancellationToken.None));

        var search = old.GetRequiredService<DocumentSearch>();
        var facts = RebuildStores.Facts(old, documents);
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
        await stores.AssertSameReadModelAsync(freshPrefix, oldPrefix);

        // The projector afterwards finds nothing to change.
        Assert.Equal(0, await old.GetRequiredService<ProjectionWriter>().ProjectAsync(facts, CancellationToken.None));
        await fresh.DisposeAsync();
        await old.DisposeAsync();
    }

    [Fact]
    public async Task RebuildInterruptedWhileListingAndWhileCounting_ResumesToTheSameReadModel()
    {
        var (fresh, freshPrefix) = await stores.StartAsync();
        var (old, oldPrefix) = await stores.StartAsync();
        var documents = RebuildStores.Generate(fresh, 120);
        await RebuildStores.ProjectAsync(fresh, documents);
        await RebuildStores.ProjectAsync(old, documents);
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
        await stores.AssertSameReadModelAsync(freshPrefix, oldPrefix);
        var audit = await old.GetRequiredService<IAuditLog>().ListAsync(new AuditQuery(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1), 100), CancellationToken.None);
        var record = Assert.Single(audit.Items, r => r.Action == "RebuiltReadModel");
        Assert.Equal(("admin-2", documents.Count), (record.ActorId, record.Count)); // the requester of the interrupted run
        await fresh.DisposeAsync();
        await old.DisposeAsync();
    }

    [Fact]
    public async Task DocumentsChangedWhileTheRebuildRuns_AreReflectedAfterIt()
    {
        var (old, oldPrefix) = await stores.StartAsync();
        var documents = RebuildStores.Generate(old, 120);
        await RebuildStores.ProjectAsync(old, documents);
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
        var (fresh, freshPrefix) = await stores.StartAsync();
        var now = documents.Select(d => changed.FirstOrDefault(c => c.TrackingId == d.TrackingId) ?? d).ToList();
        await RebuildStores.ProjectAsync(fresh, now);
        await stores.AssertSameReadModelAsync(freshPrefix, oldPrefix);
        await fresh.DisposeAsync();
        await old.DisposeAsync();
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

    private sealed class SimulatedCrash : Exception;
}
