using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Console.Tests.Http;

/// <summary>E8 over plain HTTP: no sign-in, wrong role, missing antiforgery token — refused, and nothing changed.</summary>
[Collection(ConsoleHub.Name)]
public sealed class AccessTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task EveryConsolePage_WithoutSignIn_RedirectsToSignIn()
    {
        using var anonymous = fixture.Console();
        // The not-found page is open on purpose: it shows nothing and is what any unknown or unreachable URL renders.
        var pages = ConsolePaths("GET").Where(p => p is not "/console/sign-in" and not "/console/not-found" && !p.StartsWith("/console/assets/", StringComparison.Ordinal)).ToList();

        Assert.True(pages.Count >= 15, $"Only {pages.Count} console pages found");
        foreach (var page in pages)
        {
            using var response = await anonymous.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/console/sign-in", StringComparison.Ordinal),
                $"{page} answered {(int)response.StatusCode} {response.Headers.Location} without sign-in");
        }
    }

    [Fact]
    public async Task EveryConsoleAction_WithoutSignIn_IsRefused()
    {
        using var anonymous = fixture.Console();
        foreach (var action in ConsolePaths("POST").Where(p => p.StartsWith("/console/actions/", StringComparison.Ordinal) && p is not "/console/actions/sign-in" and not "/console/actions/sign-out"))
        {
            using var response = await anonymous.PostFormAsync(action, new() { ["reason"] = "x", ["text"] = "x" });
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized, $"{action} answered {(int)response.StatusCode} without sign-in");
        }
    }

    [Fact]
    public async Task SignIn_WrongKey_StaysOut_DealerAndOemKeysNeverSignIn()
    {
        using var console = fixture.Console();

        Assert.False(await console.SignInAsync("not-a-key"));
        Assert.False(await console.SignInAsync(HubSettings.OemKey));
        Assert.False(await console.SignInAsync("demo-key-D001"));
        Assert.True(await console.SignInAsync(HubSettings.AdminKey)); // the hub's operator key signs in as Admin
    }

    [Fact]
    public async Task Viewer_CannotReplayArchiveOnboardOrSeeTheReplayForm()
    {
        using var viewer = fixture.Console();
        Assert.True(await viewer.SignInAsync(ConsoleFixture.ViewerKey));

        using var replay = await viewer.PostFormAsync("/console/actions/replays", new() { ["reason"] = "try", ["code"] = "HTTP_503" }, "/console");
        using var archive = await viewer.PostFormAsync("/console/actions/failures/archive", new() { ["reason"] = "try" }, "/console");
        using var onboard = await viewer.PostFormAsync("/console/actions/dealers", new() { ["code"] = "ZZ99", ["name"] = "x", ["region"] = "North", ["brand"] = "Aurora" }, "/console");
        var (form, _) = await viewer.GetTextAsync("/console/replays/new?code=HTTP_503");

        Assert.Equal(HttpStatusCode.Forbidden, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, archive.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, onboard.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, form);
        Assert.Null(await fixture.Hub.Service<Dms.Hub.Dealers.IDealerStore>().GetAsync("ZZ99", CancellationToken.None));
    }

    [Fact]
    public async Task Operator_CannotOnboardDealersOrIssueKeys()
    {
        using var operatorClient = fixture.Console();
        Assert.True(await operatorClient.SignInAsync(ConsoleFixture.OperatorKey));

        using var key = await operatorClient.PostFormAsync("/console/actions/dealers/D001/api-key", new() { ["reason"] = "try" }, "/console");

        Assert.Equal(HttpStatusCode.Forbidden, key.StatusCode);
    }

    [Fact]
    public async Task Posts_WithoutTheAntiforgeryToken_AreRefused_AndChangeNothing()
    {
        using var admin = fixture.Console();
        Assert.True(await admin.SignInAsync(ConsoleFixture.AdminKey));
        var dealer = await fixture.DealerAsync();
        var tracking = await fixture.SubmitAsync(dealer, "retail-delivery-reports", TestDocuments.Rdr(TestDocuments.NewVin()));

        using var note = await admin.PostFormAsync($"/console/actions/documents/{tracking}/notes", new() { ["text"] = "forged" }, withToken: false);
        using var onboard = await admin.PostFormAsync("/console/actions/dealers", new() { ["code"] = "ZZ98", ["name"] = "x", ["region"] = "North", ["brand"] = "Aurora" }, withToken: false);
        using var signOut = await admin.PostFormAsync("/console/actions/sign-out", [], withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, note.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, onboard.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Empty(await fixture.Hub.Service<Dms.Hub.Operations.IAnnotationStore>().NotesAsync(Dms.Hub.Operations.Note.ForDocument(tracking), CancellationToken.None));
        Assert.Null(await fixture.Hub.Service<Dms.Hub.Dealers.IDealerStore>().GetAsync("ZZ98", CancellationToken.None));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetTextAsync("/console")).Status); // still signed in
    }

    /// <summary>Every console route the app maps for <paramref name="method"/>, parameters filled with a sample value.</summary>
    private List<string> ConsolePaths(string method)
    {
        return fixture.Hub.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/console", StringComparison.Ordinal) == true || e.RoutePattern.RawText?.StartsWith("console", StringComparison.Ordinal) == true)
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(method) ?? method == "GET")
            .Select(e => "/" + string.Join('/', e.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternSeparatorPart separator => separator.Content,
                _ => "D001",
            })))))
            .Distinct().ToList();
    }
}
