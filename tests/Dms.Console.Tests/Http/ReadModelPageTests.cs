using System.Net;
using Dms.Hub.Insights.Rebuild;

namespace Dms.Console.Tests.Http;

/// <summary>The read-model page and its rebuild action: Admins only, a reason required (the rebuild itself: <c>Insights.RebuildTests</c>).</summary>
[Collection(ConsoleHub.Name)]
public sealed class ReadModelPageTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task ReadModelPage_ShowsTheLayouts_AndOnlyAnAdminWithAReasonMayRebuild()
    {
        using var operatorClient = fixture.Console();
        Assert.True(await operatorClient.SignInAsync(ConsoleFixture.OperatorKey));
        using var page = await operatorClient.GetAsync("/console/read-model");
        using var forbidden = await operatorClient.PostFormAsync("/console/actions/read-model/rebuild", new() { ["reason"] = "try" }, "/console");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        using var admin = fixture.Console();
        Assert.True(await admin.SignInAsync(ConsoleFixture.AdminKey));
        var (status, body) = await admin.GetTextAsync("/console/read-model");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"<dt>Layout of this hub</dt><dd>{ReadModelLayout.Version}</dd>", body, StringComparison.Ordinal);
        Assert.Contains($"<dt>Layout of the store</dt><dd>{ReadModelLayout.Version}</dd>", body, StringComparison.Ordinal); // a new store: recorded at start
        using var noReason = await admin.PostFormAsync("/console/actions/read-model/rebuild", new() { ["reason"] = " " }, "/console/read-model");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
    }
}
