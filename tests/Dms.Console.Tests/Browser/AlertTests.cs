using Dms.Hub.Operations.Alerts;
using Microsoft.Playwright;

namespace Dms.Console.Tests.Browser;

/// <summary>Alerts: an operator acknowledges and snoozes one, its history and the audit say so; a Viewer cannot act.</summary>
[Collection(ConsoleHub.Name)]
public sealed class AlertTests(ConsoleFixture fixture, BrowserFixture browser) : BrowserTestBase(fixture, browser)
{
    [Fact]
    public async Task Operator_AcknowledgesAndSnoozesAnAlert_ItsHistoryAndTheAuditSaySo_AViewerCannotAct()
    {
        await DeadLetteredClaimsAsync(await Fixture.DealerAsync("West"), 1);
        var alerts = Fixture.Hub.Service<ITechnicalAlertStore>();
        var alert = (await Eventually.GetAsync(() => alerts.ListAsync(CancellationToken.None), list => list.Any(a => a.Code == "DEAD_LETTERS" && a.ClearedAt is null),
            TimeSpan.FromSeconds(90), "the dead letters raise a technical alert")).First(a => a.Code == "DEAD_LETTERS" && a.ClearedAt is null);

        var viewer = await PageAsync(ConsoleFixture.ViewerKey);
        await viewer.GotoAsync($"/console/alerts/{Uri.EscapeDataString(alert.Id)}");
        await Assertions.Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" })).ToHaveCountAsync(0);

        var page = await PageAsync(ConsoleFixture.OperatorKey);
        await page.GotoAsync($"/console/alerts/{Uri.EscapeDataString(alert.Id)}");
        var open = page.Locator("details").Filter(new() { HasText = "Act" }).First;
        await open.Locator("summary").ClickAsync();
        await open.GetByLabel("Note (optional)").FillAsync("Looking at the OEM's 503s");
        await open.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await page.GotoAsync($"/console/alerts/{Uri.EscapeDataString(alert.Id)}");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Looking at the OEM's 503s");

        var act = page.Locator("details").Filter(new() { HasText = "Act" }).First;
        await act.Locator("summary").ClickAsync();
        await act.GetByLabel("Snooze for").SelectOptionAsync("4");
        await act.GetByLabel("Reason").FillAsync("OEM maintenance until noon");
        await act.GetByRole(AriaRole.Button, new() { Name = "Snooze" }).ClickAsync();

        var link = page.Locator($"main a[href='/console/alerts/{Uri.EscapeDataString(alert.Id)}']");
        await page.GotoAsync("/console/alerts?view=open");
        await Assertions.Expect(link).ToHaveCountAsync(0);
        await page.GotoAsync("/console/alerts?view=snoozed");
        await Assertions.Expect(link).ToHaveCountAsync(1);
        await page.GotoAsync($"/console/alerts/{Uri.EscapeDataString(alert.Id)}");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("OEM maintenance until noon");
        foreach (var action in new[] { "AcknowledgedAlert", "SnoozedAlert" })
        {
            await page.GotoAsync($"/console/audit?action={action}");
            await Assertions.Expect(page.Locator("main table tbody")).ToContainTextAsync(alert.Id);
        }

        // What the pages showed is what the store of record holds: the acknowledgement and a snooze of four hours.
        var stored = await alerts.GetAsync(alert.Id, CancellationToken.None);
        Assert.NotNull(stored?.AcknowledgedAt);
        Assert.Contains(stored.History, h => h.Event == "Acknowledged" && h.Note == "Looking at the OEM's 503s");
        var snooze = Assert.Contains(alert.Id, await alerts.SnoozesAsync(CancellationToken.None));
        Assert.Equal("OEM maintenance until noon", snooze.Reason);
        Assert.InRange(snooze.Until - snooze.At, TimeSpan.FromHours(4) - TimeSpan.FromSeconds(1), TimeSpan.FromHours(4) + TimeSpan.FromSeconds(1));
    }
}
