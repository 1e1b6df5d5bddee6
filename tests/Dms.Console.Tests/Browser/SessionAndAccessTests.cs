using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Dms.Console.Tests.Browser;

/// <summary>Sign-in and sign-out, and each role's limits, in real Chromium.</summary>
[Collection(ConsoleHub.Name)]
public sealed class SessionAndAccessTests(ConsoleFixture fixture, BrowserFixture browser) : BrowserTestBase(fixture, browser)
{
    private static readonly string[] Pages =
    [
        "/console", "/console/documents", "/console/failures", "/console/replays", "/console/replays/new", "/console/dealers", "/console/dealers/D001",
        "/console/dealers/new", "/console/hq", "/console/hq/warranty", "/console/hq/vehicle-orders", "/console/alerts", "/console/audit", "/console/vehicles/1HGCM82633A004352",
    ];

    [Fact]
    public async Task SignIn_SetsAStrictHttpOnlyCookie_AndSignOutEndsTheSession()
    {
        var page = await PageAsync(ConsoleFixture.OperatorKey);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".who .user")).ToHaveTextAsync("Omar Operator");
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "dms-console");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal("/console", cookie.Path);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You are signed out");
        await page.GotoAsync("/console/documents");
        Assert.Contains("/console/sign-in", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongKey_IsRefusedWithAMessage()
    {
        var page = await PageAsync(null);
        await page.GotoAsync("/console/sign-in");
        await page.GetByLabel("Console key").FillAsync("wrong-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not accepted");
    }

    [Fact]
    public async Task NoPage_IsReachableWithoutSignIn()
    {
        var page = await PageAsync(null);
        foreach (var path in Pages)
        {
            await page.GotoAsync(path);
            Assert.True(page.Url.Contains("/console/sign-in", StringComparison.Ordinal), $"{path} showed {page.Url} without sign-in");
            await Assertions.Expect(page.GetByLabel("Console key")).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task Viewer_SeesNoReplayOrArchiveControls_AndAReplayPostIsForbidden()
    {
        var page = await PageAsync(ConsoleFixture.ViewerKey);
        await page.GotoAsync("/console/failures");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Failures", Exact = true })).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByText("Replay all").CountAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Archive selected" }).CountAsync());
        var status = await PostFromPageAsync(page, "/console/actions/replays", "reason=viewer+tries&code=HTTP_503", withToken: true);
        Assert.Equal(403, status);
        var response = await page.GotoAsync("/console/replays/new?code=HTTP_503");
        Assert.Equal(403, response!.Status);
    }

    [Fact]
    public async Task RegionalManager_AnotherRegionsDealerDocumentAndExport_AreNotReachableByUrl()
    {
        var south = await Fixture.DealerAsync("South");
        var tracking = await Fixture.SubmitAsync(south, "retail-delivery-reports", TestDocuments.Rdr(TestDocuments.NewVin()));
        await Fixture.CaughtUpAsync();
        var page = await PageAsync(ConsoleFixture.NorthKey);

        var document = await page.GotoAsync($"/console/documents/{tracking}");
        Assert.Equal(404, document!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found", Exact = true })).ToBeVisibleAsync();
        var dealer = await page.GotoAsync($"/console/dealers/{south.Code}");
        Assert.Equal(404, dealer!.Status);
        var export = await page.APIRequest.GetAsync($"/console/documents/export.csv?dealer={south.Code}");
        Assert.Single((await export.TextAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        var own = await page.GotoAsync("/console/dealers/D005");
        Assert.Equal(200, own!.Status);
        await Assertions.Expect(page.Locator(".who .role")).ToHaveTextAsync(new Regex("Regional manager \\(North\\)"));
    }

    [Fact]
    public async Task PostsWithoutTheAntiforgeryToken_AreRefused_AndChangeNothing()
    {
        var dealer = await Fixture.DealerAsync();
        var tracking = await Fixture.SubmitAsync(dealer, "retail-delivery-reports", TestDocuments.Rdr(TestDocuments.NewVin()));
        await Fixture.CaughtUpAsync();
        var page = await PageAsync(ConsoleFixture.OperatorKey);
        await page.GotoAsync($"/console/documents/{tracking}");

        var forged = await PostFromPageAsync(page, $"/console/actions/documents/{tracking}/notes", "text=forged", withToken: false);
        var genuine = await PostFromPageAsync(page, $"/console/actions/documents/{tracking}/notes", "text=genuine", withToken: true);

        Assert.Equal(400, forged);
        Assert.Equal(200, genuine); // followed the redirect back to the page
        var notes = await Fixture.Hub.Service<Dms.Hub.Operations.IAnnotationStore>().NotesAsync(Dms.Hub.Operations.Note.ForDocument(tracking), CancellationToken.None);
        Assert.Equal(["genuine"], notes.Select(n => n.Text));
    }

    /// <summary>A form post made by script in the page (same origin, same cookies), with the page's antiforgery token or without.</summary>
    private static Task<int> PostFromPageAsync(IPage page, string path, string body, bool withToken) =>
        page.EvaluateAsync<int>("""
            async ([path, body, withToken]) => {
                const token = document.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';
                const form = withToken ? body + '&__RequestVerificationToken=' + encodeURIComponent(token) : body;
                const response = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form, credentials: 'same-origin' });
                return response.status;
            }
            """, new object[] { path, body, withToken });
}
