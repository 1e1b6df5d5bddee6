using System.Net;
using Dms.Hub.Insights;
using Dms.Hub.Operations;

namespace Dms.Console.Tests.Http;

/// <summary>
/// An Admin's rebuild over HTTP on a hub of its own (its projector's lease at 5 s, so the take-over wait is short): signed
/// in, with the antiforgery token and a reason; the read-model page and every page's banner show it running (first
/// waiting out the live projector's lease), the page shows it finished, the audit holds both records, and search finds
/// the documents again.
/// </summary>
public sealed class ReadModelRebuildActionTests(AzuriteFixture azurite)
{
    private const string ViewerKey = "rebuild-viewer-key";

    [Fact]
    public async Task AdminRebuildsOverHttp_PageAndBannerShowItRunning_ThenThePageShowsItFinished()
    {
        using var oem = new OemStub();
        var settings = HubSettings.Defaults(azurite.ConnectionString, "m" + Guid.NewGuid().ToString("N")[..10], oem.ClaimsUrl, oem.RdrUrl, oem.OrdersUrl);
        settings["Dms:Console:Users:ada:Name"] = "Ada Admin";
        settings["Dms:Console:Users:ada:Role"] = "Admin";
        settings["Dms:Console:Users:ada:KeyHash"] = ConsoleKeys.Hash(ConsoleFixture.AdminKey);
        settings["Dms:Console:Users:vera:Name"] = "Vera Viewer";
        settings["Dms:Console:Users:vera:Role"] = "Viewer";
        settings["Dms:Console:Users:vera:KeyHash"] = ConsoleKeys.Hash(ViewerKey);
        settings["Dms:Insights:LeaseSeconds"] = "5";
        await using var hub = await HubHost.StartAsync(settings);
        var dealer = await hub.CreateDealerAsync();
        var vins = Enumerable.Range(0, 3).Select(_ => TestDocuments.NewVin()).ToList();
        using (var api = hub.Client(dealer.ApiKey))
        {
            foreach (var vin in vins)
            {
                using var response = await api.PostJsonAsync("/api/v1/retail-delivery-reports", TestDocuments.Rdr(vin));
                Assert.True(response.IsSuccessStatusCode, $"submitting failed: {(int)response.StatusCode}");
            }
        }

        using var viewer = new ConsoleClient(hub.BaseAddress);
        Assert.True(await viewer.SignInAsync(ViewerKey));
        await FoundAsync(viewer, vins);
        using var admin = new ConsoleClient(hub.BaseAddress);
        Assert.True(await admin.SignInAsync(ConsoleFixture.AdminKey));
        var (_, before) = await admin.GetTextAsync("/console/read-model");
        Assert.Contains("Rebuild the read model</button>", before, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"last-rebuild\"", before, StringComparison.Ordinal);

        using (var started = await admin.PostFormAsync("/console/actions/read-model/rebuild", new() { ["reason"] = "http test" }, "/console/read-model"))
        {
            Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
            Assert.Equal("/console/read-model", started.Headers.Location?.ToString());
        }

        // The hub's own projector holds its lease (it cycles every second): the rebuild waits it out, and says so.
        var running = await Eventually.GetAsync(async () => (await admin.GetTextAsync("/console/read-model")).Body, b => b.Contains("waiting up to", StringComparison.Ordinal),
            TimeSpan.FromSeconds(5), "the page shows the rebuild waiting for the projector's lease");
        Assert.Contains("<h2>Rebuilding</h2>", running, StringComparison.Ordinal);
        Assert.DoesNotContain("Rebuild the read model</button>", running, StringComparison.Ordinal);
        var (_, overview) = await viewer.GetTextAsync("/console");
        Assert.Contains("id=\"rebuild-banner\"", overview, StringComparison.Ordinal);
        Assert.Contains("The read model is being rebuilt", overview, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/console/read-model\"", overview, StringComparison.Ordinal); // details are an Admin's

        var finished = await Eventually.GetAsync(async () => (await admin.GetTextAsync("/console/read-model")).Body, b => b.Contains("id=\"last-rebuild\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), "the page shows the rebuild finished");
        Assert.DoesNotContain("id=\"rebuild-progress\"", finished, StringComparison.Ordinal);
        Assert.Contains("asked by ada", finished, StringComparison.Ordinal);
        Assert.Contains("http test", finished, StringComparison.Ordinal);
        Assert.Contains("3 documents listed", finished, StringComparison.Ordinal);
        await Eventually.GetAsync(async () => (await viewer.GetTextAsync("/console")).Body, b => !b.Contains("rebuild-banner", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the banner is gone once the rebuild ended");
        await FoundAsync(viewer, vins);

        var audit = await hub.Service<IAuditLog>().ListAsync(new AuditQuery(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1), 100), CancellationToken.None);
        var asked = Assert.Single(audit.Items, r => r.Action == "StartedReadModelRebuild");
        var done = Assert.Single(audit.Items, r => r.Action == "RebuiltReadModel");
        Assert.Equal(("ada", "http test"), (asked.ActorId, asked.Reason));
        Assert.Equal(("ada", "http test", 3), (done.ActorId, done.Reason, done.Count));
        Assert.Equal(0, await hub.Service<InsightsProjector>().PendingAsync(CancellationToken.None));
    }

    /// <summary>Every VIN found by the console's search (the read model has the documents).</summary>
    private static async Task FoundAsync(ConsoleClient viewer, List<string> vins)
    {
        foreach (var vin in vins)
        {
            await Eventually.GetAsync(async () => (await viewer.GetTextAsync($"/console/documents?q={vin}")).Body, b => b.Contains("1 document carries", StringComparison.Ordinal),
                TimeSpan.FromSeconds(30), $"search finds {vin}");
        }
    }
}
