using Dms.Hub.Operations;
using Microsoft.Playwright;

namespace Dms.Console.Tests.Browser;

/// <summary>The Failures page's operator actions, driven in Chromium: assign a group, note it, archive a chosen failure; all audited; a Viewer has none of it.</summary>
[Collection(ConsoleHub.Name)]
public sealed class FailureActionTests(ConsoleFixture fixture, BrowserFixture browser) : BrowserTestBase(fixture, browser)
{
    [Fact]
    public async Task Operator_AssignsNotesAndArchivesAFailure_TheAuditSaysSo_AViewerHasNoControls()
    {
        var dealer = await Fixture.DealerAsync("South");
        var number = (await DeadLetteredClaimsAsync(dealer, 1))[0];
        var list = $"/console/failures?dealer={dealer.Code}";

        var viewer = await PageAsync(ConsoleFixture.ViewerKey);
        await viewer.GotoAsync(list);
        await Assertions.Expect(viewer.Locator("main")).ToContainTextAsync(number);
        await Assertions.Expect(viewer.GetByText("Act on this group")).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Archive selected" })).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.GetByLabel($"Select {number}")).ToHaveCountAsync(0);

        var page = await PageAsync(ConsoleFixture.OperatorKey);
        await page.GotoAsync(list);
        var group = page.Locator("main table").First.Locator("tbody tr").Filter(new() { HasText = "HTTP_503" }).First;
        await group.Locator("summary").ClickAsync();
        await group.GetByLabel("Assign to").FillAsync("Ana from integration");
        await group.GetByRole(AriaRole.Button, new() { Name = "Assign" }).ClickAsync();
        await Assertions.Expect(page.Locator("main table").First).ToContainTextAsync("Ana from integration (by Omar Operator)");

        var note = "OEM ticket INC-" + TestDocuments.Next();
        group = page.Locator("main table").First.Locator("tbody tr").Filter(new() { HasText = "HTTP_503" }).First;
        await group.Locator("summary").ClickAsync();
        await group.GetByLabel("Note").FillAsync(note);
        await group.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Assertions.Expect(page.Locator("main table").First).ToContainTextAsync("Omar Operator: " + note);

        await page.GotoAsync(list);
        await page.GetByLabel($"Select {number}").CheckAsync();
        await page.GetByLabel("Reason", new() { Exact = true }).FillAsync("Sent again by the dealer under a new number");
        await page.GetByRole(AriaRole.Button, new() { Name = "Archive selected" }).ClickAsync();
        await page.GotoAsync(list);
        await Assertions.Expect(page.GetByLabel($"Select {number}")).ToHaveCountAsync(0);
        await page.GotoAsync(list + "&archived=true");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Omar Operator: Sent again by the dealer under a new number");

        await page.GotoAsync("/console/audit?action=ArchivedFailures");
        await Assertions.Expect(page.Locator("main table tbody")).ToContainTextAsync("Sent again by the dealer under a new number");
        await page.GotoAsync("/console/audit?action=Assigned");
        await Assertions.Expect(page.Locator("main table tbody")).ToContainTextAsync("Ana from integration");
        await page.GotoAsync("/console/audit?action=AddedNote");
        await Assertions.Expect(page.Locator("main table tbody")).ToContainTextAsync(note);

        // What the page showed is what the store of record holds: the group's assignee and the failure archived with its reason.
        var annotations = Fixture.Hub.Service<IAnnotationStore>();
        Assert.Contains((await annotations.AssignmentsAsync(CancellationToken.None)).Values, a => a.Subject.StartsWith("group:HTTP_503|", StringComparison.Ordinal) && a.Assignee == "Ana from integration");
        var archived = Assert.Single((await annotations.ArchivedAsync(CancellationToken.None)).Values, a => a.Reason == "Sent again by the dealer under a new number");
        Assert.Equal(dealer.Code, archived.Failure?.DealerCode);
    }
}
