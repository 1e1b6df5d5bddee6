using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dms.Hub.Reporting;
using Dms.Hub.Storage;
using Dms.Hub.Workflow;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Dms.Functions.Tests.Reporting;

/// <summary>
/// The escalation ladder on a fake clock, seen only through the published API: a monthly stock report owed by
/// 2026-02-10 18:00 Shanghai (10:00Z) climbs reminder (−2 days, the dealer) → late (due, the dealer) → district (+3
/// days, the district manager, pushed to its webhook) → region (+7 days, the regional manager); each rung is one
/// business alert raised once, whatever the timers do twice, acknowledged by a manager in scope, and every rung is
/// cleared when a version is accepted.
/// </summary>
public sealed class EscalationLadderTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>, IDisposable
{
    private static readonly DateTimeOffset Due = new(2026, 2, 10, 10, 0, 0, TimeSpan.Zero);
    private readonly WireMockServer _managerSystem = WireMockServer.Start();

    private HubHost Hub => fixture.Hub;

    [Fact]
    public async Task MissingMonthlyReport_EachRungComes_RaisedOnceAndNotifiedToItsRecipients_ClearedWhenAccepted()
    {
        var district = "Esc-" + Guid.NewGuid().ToString("N")[..6];
        var late = await Hub.CreateDealerAsync(region: "East", district: district);
        var onTime = await Hub.CreateDealerAsync(region: "East", district: district);
        var hook = "/escalations/" + Guid.NewGuid().ToString("N");
        _managerSystem.Given(Request.Create().WithPath(hook).UsingPost()).RespondWith(Response.Create().WithStatusCode(204));
        var dm = await Hub.CreateManagerAsync("East", district, _managerSystem.Url + hook);
        var otherDm = await Hub.CreateManagerAsync("East", "Elsewhere");
        var rm = await Hub.CreateManagerAsync("East");
        var westRm = await Hub.CreateManagerAsync("West");
        using var dealer = Hub.Client(late.ApiKey);
        using var dmHttp = Hub.Client(dm.ApiKey);
        using var rmHttp = Hub.Client(rm.ApiKey);
        using var admin = Hub.Client(HubSettings.AdminKey);
        var alert = (string step) => $"{late.Code}-monthly-stock-report-2026-01.REPORT_{step}";

        await AtAsync(new DateTimeOffset(2026, 2, 1, 6, 0, 0, TimeSpan.Zero)); // January is over: the slots are Expected
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(admin, "/api/v1/admin/alerts/" + alert("REMINDER")));

        await AtAsync(Due.AddDays(-2));
        var reminder = await admin.GetJsonAsync("/api/v1/admin/alerts/" + alert("REMINDER"));
        Assert.Equal(("Open", 1), (reminder["status"]!.GetValue<string>(), reminder["occurrences"]!.GetValue<int>()));
        Assert.Equal(["EscalationReminder:Expected"], await NoticesAsync(dealer, "/api/v1/notifications", "monthly-stock-report"));
        using (var response = await Hub.Client(onTime.ApiKey).PostJsonAsync("/api/v1/monthly-stock-reports", TestReports.Stock("2026-01")))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await AtAsync(Due.AddDays(-1));
        Assert.Equal("Cleared", (await admin.GetJsonAsync($"/api/v1/admin/alerts/{onTime.Code}-monthly-stock-report-2026-01.REPORT_REMINDER"))["status"]!.GetValue<string>());

        await AtAsync(Due);
        Assert.Equal("Open", (await admin.GetJsonAsync("/api/v1/admin/alerts/" + alert("LATE")))["status"]!.GetValue<string>());
        Assert.Equal(["EscalationReminder:Expected", "EscalationLate:Late"], await NoticesAsync(dealer, "/api/v1/notifications", "monthly-stock-report"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(admin, $"/api/v1/admin/alerts/{onTime.Code}-monthly-stock-report-2026-01.REPORT_LATE"));
        Assert.Empty(await NoticesAsync(dmHttp, "/api/v1/hq/notifications", null));

        await AtAsync(Due.AddDays(3));
        Assert.Equal(["EscalationDistrict:Late"], await NoticesAsync(dmHttp, "/api/v1/hq/notifications", null));
        Assert.Empty(await NoticesAsync(Hub.Client(otherDm.ApiKey), "/api/v1/hq/notifications", null));
        Assert.Empty(await NoticesAsync(rmHttp, "/api/v1/hq/notifications", null));
        var push = Assert.Single(_managerSystem.LogEntries, e => e.RequestMessage!.Path == hook).RequestMessage!;
        Assert.Equal(Sign(dm.WebhookSecret!, push.Headers!["X-Dms-Timestamp"].ToString(), push.Body!), push.Headers["X-Dms-Signature"].ToString());
        Assert.Equal(alert("DISTRICT"), JsonNode.Parse(push.Body!)!["correlationId"]!.GetValue<string>());

        await AtAsync(Due.AddDays(7));
        Assert.Equal(["EscalationRegion:Late"], await NoticesAsync(rmHttp, "/api/v1/hq/notifications", null));
        var lateRow = (await rmHttp.GetJsonAsync("/api/v1/hq/periodic-reports?period=2026-01&late=true"))["late"]!.AsArray()
            .Single(l => l!["dealer"]!.GetValue<string>() == late.Code && l["report"]!.GetValue<string>() == "monthly-stock-report")!;
        Assert.Equal(("region", alert("REGION")), (lateRow["escalationStep"]!.GetValue<string>(), lateRow["alertId"]!.GetValue<string>()));

        // The calendar job runs again, and a timer of the chain runs twice from the start (a crash after its work):
        // nothing is raised or told twice.
        await fixture.RunCalendarJobAsync();
        var again = new ChangeSet(ReportEscalation.Partition("monthly-stock-report"));
        again.NewWork.Add(Hub.Service<ReportEscalation>().Timer("monthly-stock-report", "2026-01", fixture.Clock.GetUtcNow(), since: null));
        Assert.Equal(CommitResult.Committed, await Hub.Service<DocumentCommitter>().CommitAsync(again, default));
        await AtAsync(Due.AddDays(8));
        foreach (var step in new[] { "REMINDER", "LATE", "DISTRICT", "REGION" })
        {
            var open = await admin.GetJsonAsync("/api/v1/admin/alerts/" + alert(step));
            Assert.Equal(("Open", 1), (open["status"]!.GetValue<string>(), open["occurrences"]!.GetValue<int>()));
        }

        Assert.Equal(2, (await NoticesAsync(dealer, "/api/v1/notifications", "monthly-stock-report")).Count);
        Assert.Single(await NoticesAsync(dmHttp, "/api/v1/hq/notifications", null));
        Assert.Single(_managerSystem.LogEntries, e => e.RequestMessage!.Path == hook);

        // The regional manager acknowledges its rung; another region's manager cannot see it.
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(Hub.Client(westRm.ApiKey), "/api/v1/hq/alerts/" + alert("REGION")));
        using (var response = await Hub.Client(westRm.ApiKey).PostJsonAsync($"/api/v1/hq/alerts/{alert("REGION")}/acknowledge", new JsonObject()))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using (var response = await rmHttp.PostJsonAsync($"/api/v1/hq/alerts/{alert("REGION")}/acknowledge", new JsonObject { ["note"] = "Called the dealer." }))
        {
            var acknowledged = await response.ReadJsonAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(rm.Id, acknowledged["acknowledgedBy"]!.GetValue<string>());
        }

        // The report comes in: every rung is cleared and the chain ends.
        using (var response = await dealer.PostJsonAsync("/api/v1/monthly-stock-reports", TestReports.Stock("2026-01")))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await AtAsync(Due.AddDays(9));
        foreach (var step in new[] { "REMINDER", "LATE", "DISTRICT", "REGION" })
        {
            Assert.Equal("Cleared", (await admin.GetJsonAsync("/api/v1/admin/alerts/" + alert(step)))["status"]!.GetValue<string>());
        }
    }

    public void Dispose() => _managerSystem.Stop();

    /// <summary>Moves the clock (never back) and runs the calendar job and every due work item, timers included.</summary>
    private async Task AtAsync(DateTimeOffset to)
    {
        if (to > fixture.Clock.GetUtcNow())
        {
            fixture.Clock.SetUtcNow(to);
        }

        await fixture.RunCalendarJobAsync();
        await fixture.DrainWorkAsync();
    }

    /// <summary>The mailbox as "event:status" (not acknowledged, so a later look sees them again).</summary>
    private static async Task<List<string>> NoticesAsync(HttpClient http, string path, string? documentType)
    {
        var items = (await http.GetJsonAsync(path + "?maxItems=100" + (documentType is null ? string.Empty : "&documentType=" + documentType)))["items"]!.AsArray();
        return [.. items.Where(i => i!["event"]!.GetValue<string>().StartsWith("Escalation", StringComparison.Ordinal))
            .Select(i => i!["event"]!.GetValue<string>() + ":" + i["status"]!.GetValue<string>())];
    }

    private static async Task<HttpStatusCode> StatusOfAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return response.StatusCode;
    }

    // Computed independently of the hub's signing code, as the manager's receiver would.
    private static string Sign(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));
}
