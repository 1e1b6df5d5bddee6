using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Dms.Console.Tests.Browser;

/// <summary>Replay with proof, driven from the pages: one dead letter reaches the OEM once; a bulk replay shows progress and results.</summary>
[Collection(ConsoleHub.Name)]
public sealed partial class ReplayTests(ConsoleFixture fixture, BrowserFixture browser) : BrowserTestBase(fixture, browser)
{
    [Fact]
    public async Task DeadLetteredDelivery_ReplayedFromTheConsole_ReachesTheOemOnce()
    {
        var dealer = await Fixture.DealerAsync("West");
        var number = (await DeadLetteredClaimsAsync(dealer, 1)).Single();
        var before = Fixture.Oem.RequestsFor(number);
        var page = await PageAsync(ConsoleFixture.OperatorKey);
        await page.GotoAsync($"/console/documents?q={number}");
        await page.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { NameRegex = ReplayLink() }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("1 dead letter will be replayed");
        await page.GetByLabel("Reason").FillAsync("OEM warranty system back after maintenance");
        await page.GetByRole(AriaRole.Button, new() { Name = "Replay 1" }).ClickAsync();

        await Assertions.Expect(page.Locator(".progress-text")).ToContainTextAsync("1 of 1", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".progress-text")).ToContainTextAsync("1 replayed");
        var after = await Eventually.GetAsync(() => Task.FromResult(Fixture.Oem.RequestsFor(number)), r => r.Any(x => x.Status == "201"), TimeSpan.FromSeconds(30), "delivered after the replay");
        Assert.Single(after, r => r.Status == "201");
        Assert.Single(after.Select(r => r.IdempotencyKey).Distinct()); // the same key the failed attempts carried
        Assert.Equal(before[0].IdempotencyKey, after[^1].IdempotencyKey);
        await page.GotoAsync("/console/audit?action=StartedReplay");
        await Assertions.Expect(page.Locator("main table tbody")).ToContainTextAsync("OEM warranty system back after maintenance");
    }

    [Fact]
    public async Task BulkReplay_FromAFailureQuery_ShowsProgressAndEveryItemsResult()
    {
        var dealer = await Fixture.DealerAsync("West");
        var numbers = await DeadLetteredClaimsAsync(dealer, 4);
        var page = await PageAsync(ConsoleFixture.OperatorKey);
        await page.GotoAsync($"/console/failures?dealer={dealer.Code}"); // the OEM's 503s may also have opened its circuit: two error codes

        await Assertions.Expect(page.Locator("main table").First).ToContainTextAsync("deliver");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Replay all 4 matching") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("4 dead letters will be replayed");
        await Assertions.Expect(page.Locator("main table tbody tr")).ToHaveCountAsync(4); // the sample
        await page.GetByLabel("Reason").FillAsync("Bulk retry after the outage");
        await page.GetByRole(AriaRole.Button, new() { Name = "Replay 4" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Progressbar)).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".progress-text")).ToContainTextAsync(new Regex("\\d of 4"));
        await Assertions.Expect(page.Locator(".progress-text")).ToContainTextAsync("4 of 4", new() { Timeout = 30_000 });
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("main table tbody tr").Filter(new() { HasText = "Replayed" })).ToHaveCountAsync(4);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download every item's result (CSV)" }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        var rows = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal("Replayed", r.Split(',')[6]));
        foreach (var number in numbers)
        {
            var requests = await Eventually.GetAsync(() => Task.FromResult(Fixture.Oem.RequestsFor(number)), r => r.Any(x => x.Status == "201"), TimeSpan.FromSeconds(30), $"{number} delivered");
            Assert.Single(requests, r => r.Status == "201");
        }
    }

    [GeneratedRegex("^Replay dead letter")]
    private static partial Regex ReplayLink();
}
