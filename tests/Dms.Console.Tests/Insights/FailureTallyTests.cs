using Dms.Hub.Insights;
using Dms.Hub.Operations;

namespace Dms.Console.Tests.Insights;

/// <summary>
/// The pre-counted failure groups (<see cref="FailureTally"/>) equal a recount of the open failures after failures
/// open while others are replayed — each replayed twice at once — and after an archive.
/// </summary>
[Collection(ConsoleHub.Name)]
public sealed class FailureTallyTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task FailureGroups_EqualARecount_AfterConcurrentFailuresAndReplays()
    {
        var first = await fixture.DealerAsync("West");
        var second = await fixture.DealerAsync("West");
        await fixture.DeadLetteredClaimsAsync(first, 4);
        var letters = (await OpenAsync(first)).Select(f => f.DeadLetterId!).ToList();
        Assert.Equal(4, letters.Count);

        // Two of the first dealer's failures replayed (each twice, at once) while the second dealer's claims fail.
        var deadLetters = fixture.Hub.Service<DeadLetters>();
        var replays = letters.Take(2).SelectMany(id => new[] { id, id }).Select(id => Task.Run(() => deadLetters.ReplayAsync(id, "tally-test", null, CancellationToken.None)));
        await Task.WhenAll(Task.WhenAll(replays), fixture.DeadLetteredClaimsAsync(second, 3));

        await Eventually.GetAsync(async () => (await OpenAsync(first)).Count, n => n == 2, TimeSpan.FromSeconds(60), "the replayed claims are delivered");
        await fixture.CaughtUpAsync();
        await Recount.FailureGroupsMatchAsync(fixture);

        // An archived failure leaves its group's count; brought back, it counts again.
        var archived = (await OpenAsync(second))[0];
        var annotations = fixture.Hub.Service<IAnnotationStore>();
        await annotations.ArchiveAsync([new Archived(archived.Key, "tally-test", "test", DateTimeOffset.UtcNow, archived)], CancellationToken.None);
        await Recount.FailureGroupsMatchAsync(fixture);
        var west = await fixture.Hub.Service<FailureGroups>().SummaryAsync(new ViewScope("West"), new(Archived: true), Archived.Failures(await annotations.ArchivedAsync(CancellationToken.None)), 10, CancellationToken.None);
        Assert.Contains(west.Items, f => f.Key == archived.Key);
        await annotations.UnarchiveAsync([archived.Key], CancellationToken.None);
        await Recount.FailureGroupsMatchAsync(fixture);
    }

    private async Task<List<Failure>> OpenAsync(TestDealer dealer) =>
        (await fixture.Hub.Service<FailureGroups>().ReadAsync(ViewScope.Everything, new(DealerCode: dealer.Code), new HashSet<string>(), CancellationToken.None))
        .Items.Where(f => f.DeadLetterId is not null).ToList();
}
