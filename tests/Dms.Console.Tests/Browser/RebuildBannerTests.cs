using System.Text.RegularExpressions;
using Dms.Hub.Insights.Rebuild;
using Microsoft.Playwright;

namespace Dms.Console.Tests.Browser;

/// <summary>
/// While the read model is rebuilt in place (or a rebuild was interrupted), every console page says its lists and
/// figures are incomplete, with the rebuild's progress; an Admin can open its details. Here an interrupted rebuild's
/// checkpoint (5 minutes without a step) — the running rebuild's banner is driven over HTTP in ReadModelRebuildActionTests.
/// </summary>
[Collection(ConsoleHub.Name)]
public sealed partial class RebuildBannerTests(ConsoleFixture fixture, BrowserFixture browser) : BrowserTestBase(fixture, browser)
{
    private static readonly string[] Pages = ["/console", "/console/documents", "/console/failures", "/console/replays", "/console/dealers", "/console/hq", "/console/alerts", "/console/audit"];

    [Fact]
    public async Task InterruptedRebuild_EveryPageSaysTheConsoleIsIncomplete_WithProgress_UntilItEnds()
    {
        var store = Fixture.Hub.Service<IReadModelMaintenance>();
        var now = DateTimeOffset.UtcNow;
        await store.SaveCheckpointAsync(new RebuildCheckpoint(RebuildCheckpoint.Listing, "0\nd|x", 1_200, 0, now.AddMinutes(-7), now.AddMinutes(-5), "ada", "banner test", ReadModelLayout.Version)
        {
            Expected = 3_000, PhaseStartedAt = now.AddMinutes(-6), PhaseFrom = 0,
        }, CancellationToken.None);
        try
        {
            var viewer = await PageAsync(ConsoleFixture.ViewerKey);
            foreach (var path in Pages)
            {
                await viewer.GotoAsync(path);
                var banner = viewer.GetByRole(AriaRole.Note, new() { Name = "Read-model rebuild" });
                await Assertions.Expect(banner).ToBeVisibleAsync();
                await Assertions.Expect(banner).ToContainTextAsync("The read model is being rebuilt: lists, search, figures and charts are incomplete until it ends.");
                await Assertions.Expect(banner).ToContainTextAsync("listing: 1,200 of ≈ 3,000 documents (40 %), 20 a second");
                await Assertions.Expect(banner).ToContainTextAsync(BannerStalled());
                await Assertions.Expect(banner.GetByRole(AriaRole.Link)).ToHaveCountAsync(0); // the details are an Admin's
            }

            var admin = await PageAsync(ConsoleFixture.AdminKey);
            await admin.GotoAsync("/console/documents");
            await admin.GetByRole(AriaRole.Note, new() { Name = "Read-model rebuild" }).GetByRole(AriaRole.Link, new() { Name = "Details" }).ClickAsync();
            await Assertions.Expect(admin).ToHaveURLAsync(new Regex("/console/read-model$"));
            await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Interrupted rebuild (resumed at the next start or request)" })).ToBeVisibleAsync();
            await Assertions.Expect(admin.Locator("#rebuild-progress")).ToContainTextAsync("listing: 1,200 of ≈ 3,000 documents (40 %)");
        }
        finally
        {
            await store.SetVersionAsync(ReadModelLayout.Version, CancellationToken.None); // the checkpoint removed: the rebuild "ended"
        }

        Assert.Null(await store.GetCheckpointAsync(CancellationToken.None)); // the rebuild has ended for the store too

        // Gone once it ends (the banner's reading is at most RebuildStatus.Fresh old).
        var after = await PageAsync(ConsoleFixture.ViewerKey);
        await Eventually.GetAsync(async () =>
        {
            await after.GotoAsync("/console");
            return await after.Locator("#rebuild-banner").CountAsync();
        }, n => n == 0, TimeSpan.FromSeconds(10), "the banner gone after the rebuild");
    }

    [GeneratedRegex("20 a second; no step for [56] min: if no hub is rebuilding \\(its log says\\), it goes on when the hub starts again or an Admin asks")]
    private static partial Regex BannerStalled();
}
