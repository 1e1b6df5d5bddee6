using System.Net;
using System.Text.RegularExpressions;
using Dms.Hub.Insights;
using Dms.Hub.Operations.Replays;

namespace Dms.Console.Tests.Replays;

/// <summary>
/// Replay with proof, the refusals and the cancel: no reason, no job; a job cancelled between items stops, the items
/// it did not reach stay open dead letters (nothing lost), and replaying them later delivers each once.
/// </summary>
public sealed partial class ReplayCancelTests(ReplayCancelTests.SlowReplayFixture fixture) : IClassFixture<ReplayCancelTests.SlowReplayFixture>
{
    [Fact]
    public async Task ReplayWithoutAReason_IsRefused_AndNothingStarts()
    {
        var dealer = await fixture.DealerAsync("West");
        await fixture.DeadLetteredClaimsAsync(dealer, 1);
        using var console = fixture.Console();
        Assert.True(await console.SignInAsync(ConsoleFixture.OperatorKey));
        var jobsBefore = (await fixture.Hub.Service<IReplayJobStore>().ListAsync(100, CancellationToken.None)).Count;

        using var blank = await console.PostFormAsync("/console/actions/replays", new() { ["dealer"] = dealer.Code, ["reason"] = "  " }, $"/console/replays/new?dealer={dealer.Code}");
        using var missing = await console.PostFormAsync("/console/actions/replays", new() { ["dealer"] = dealer.Code }, $"/console/replays/new?dealer={dealer.Code}");

        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("reason is required", await missing.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(jobsBefore, (await fixture.Hub.Service<IReplayJobStore>().ListAsync(100, CancellationToken.None)).Count);
        Assert.Equal(1, await fixture.OpenDeadLettersAsync(dealer, 1)); // still waiting for a replay
    }

    [Fact]
    public async Task CancelledReplay_StopsBetweenItems_TheRestStayOpen_AndALaterReplayDeliversEachOnce()
    {
        const int Count = 5;
        var dealer = await fixture.DealerAsync("West");
        var numbers = await fixture.DeadLetteredClaimsAsync(dealer, Count);
        using var console = fixture.Console();
        Assert.True(await console.SignInAsync(ConsoleFixture.OperatorKey));

        var first = await StartAsync(console, dealer, "Retry after the OEM outage");
        using (var cancel = await console.PostFormAsync($"/console/actions/replays/{first}/cancel", new(), $"/console/replays/{first}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        }

        var job = await Eventually.GetAsync(() => fixture.Hub.Service<IReplayJobStore>().GetAsync(first, CancellationToken.None), j => j!.Finished, TimeSpan.FromSeconds(60), "the job stopped");
        Assert.Equal(ReplayJob.Cancelled, job!.Status);
        Assert.True(job.Counts.Cancelled >= 1, $"the cancel came after every item ({job.Counts})");
        Assert.Equal(Count, job.Counts.Replayed + job.Counts.Cancelled);
        var (_, csv) = await console.GetTextAsync($"/console/replays/{first}/items.csv");
        var results = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[6]).ToList();
        Assert.Equal(Count, results.Count);
        Assert.Equal(job.Counts.Cancelled, results.Count(r => r == "Cancelled"));
        // Nothing lost: the rest wait. (The read model shows a replayed claim's failure gone once the claim's burst of
        // changes is projected, a second or so after it: wait for the count to settle rather than take the first.)
        var failures = fixture.Hub.Service<FailureGroups>();
        await Eventually.GetAsync(
            async () => (await failures.ReadAsync(ViewScope.Everything, new(DealerCode: dealer.Code), new HashSet<string>(), CancellationToken.None)).Items.Count(f => f.DeadLetterId is not null),
            n => n == job.Counts.Cancelled, TimeSpan.FromSeconds(60), "the replayed claims gone from the open failures, the rest still there");

        var second = await StartAsync(console, dealer, "The rest of the outage");
        var rest = await Eventually.GetAsync(() => fixture.Hub.Service<IReplayJobStore>().GetAsync(second, CancellationToken.None), j => j!.Finished, TimeSpan.FromSeconds(60), "the second job finished");
        Assert.Equal(job.Counts.Cancelled, rest!.Total);
        Assert.Equal(rest.Total, rest.Counts.Replayed);
        foreach (var number in numbers)
        {
            var requests = await Eventually.GetAsync(() => Task.FromResult(fixture.Oem.RequestsFor(number)), r => r.Any(x => x.Status == "201"), TimeSpan.FromSeconds(60), $"{number} delivered");
            Assert.Single(requests, r => r.Status == "201"); // each claim reaches the OEM once, with the key it always had
            Assert.Single(requests.Select(r => r.IdempotencyKey).Distinct());
        }
    }

    private static async Task<string> StartAsync(ConsoleClient console, TestDealer dealer, string reason)
    {
        using var response = await console.PostFormAsync("/console/actions/replays", new() { ["dealer"] = dealer.Code, ["reason"] = reason }, $"/console/replays/new?dealer={dealer.Code}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return JobId().Match(response.Headers.Location!.ToString()).Groups[1].Value;
    }

    [GeneratedRegex("/console/replays/([^/?]+)$")]
    private static partial Regex JobId();

    /// <summary>One replay a second, one item per chunk: slow enough to cancel a job in the middle.</summary>
    public sealed class SlowReplayFixture(AzuriteFixture azurite) : ConsoleFixture(azurite)
    {
        protected override void Configure(Dictionary<string, string?> settings)
        {
            settings["Dms:Replay:ItemsPerSecond"] = "1";
            settings["Dms:Replay:ChunkSize"] = "1";
            settings["Dms:Demo:HistoryDays"] = "1";
        }
    }
}
