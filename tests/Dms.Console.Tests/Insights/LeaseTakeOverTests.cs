using Azure.Data.Tables;
using Dms.Hub.Insights;
using Dms.Hub.Insights.Rebuild;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Console.Tests.Insights;

/// <summary>
/// A rebuild that takes the projector's lease from a live projector of another process holds it and waits one lease
/// term before clearing (the projector assumes its cycles end within its lease): the projector is refused meanwhile,
/// and what its cycle in flight writes before its lease ends is cleared, not left in the rebuilt read model.
/// </summary>
[Collection(ConsoleHub.Name)]
public sealed class LeaseTakeOverTests(ConsoleFixture fixture)
{
    private readonly RebuildStores stores = new(fixture.Azurite);

    [Fact]
    public async Task LeaseTakenFromALiveProjector_IsHeldAndWaitedOutForATerm_SoItsCycleInFlightIsCleared()
    {
        var (fresh, freshPrefix) = await stores.StartAsync();
        var (hub, prefix) = await stores.StartAsync();
        var (other, _) = await stores.StartAsync(sharing: prefix); // another process on the same store, its projector live
        var documents = RebuildStores.Generate(fresh, 60);
        await RebuildStores.ProjectAsync(fresh, documents);
        await RebuildStores.ProjectAsync(hub, documents);
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
            var stale = RebuildStores.Generate(fresh, 60)[0];
            stale.Status = documents.First(d => d.Status != stale.Status).Status;
            stale.Revision++;
            return await other.GetRequiredService<ProjectionWriter>().ProjectAsync(RebuildStores.Facts(other, [stale]), CancellationToken.None);
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
        await stores.AssertSameReadModelAsync(freshPrefix, prefix);

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
}
