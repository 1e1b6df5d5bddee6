using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Dms.Functions.Tests.Reporting;

/// <summary>
/// Periodic report versions on a fake clock: the newest version counts and supersedes the others, lateness is
/// measured to the first accepted version, a zero report is valid, a stock list may be partial, and a report that
/// is not in goes Late and climbs the escalation ladder step by step.
/// </summary>
public sealed class PeriodicReportVersionTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    private HubHost Hub => fixture.Hub;

    [Fact]
    public async Task Versions_NewerSupersedesOlder_ALateOlderOneIsSupersededAtOnce_LatenessCountsTheFirstAccepted()
    {
        var dealer = await Hub.CreateDealerAsync(region: "East");
        using var http = Hub.Client(dealer.ApiKey);
        using var hq = Hub.Client(await Hub.CreateHqUserAsync());
        var (period, due) = NextMonthlyPeriod();
        Advance(due.AddHours(30)); // 1.25 days late

        var v1 = await SubmitAsync(http, "monthly-stock-reports", TestReports.Stock(period, version: 1));
        await fixture.DrainWorkAsync();
        var first = await CellAsync(hq, period, dealer.Code, "monthly-stock-report");
        Assert.Equal(("Accepted", 1, true, false, 2), (first["status"]!.GetValue<string>(), first["version"]!.GetValue<int>(), first["acceptedLate"]!.GetValue<bool>(), first["late"]!.GetValue<bool>(), first["daysLate"]!.GetValue<int>()));

        Advance(fixture.Clock.GetUtcNow().AddDays(3));
        var v3 = await SubmitAsync(http, "monthly-stock-reports", TestReports.Stock(period, version: 3, vehicles: 4));
        var v2 = await SubmitAsync(http, "monthly-stock-reports", TestReports.Stock(period, version: 2));
        await fixture.DrainWorkAsync();

        var cell = await CellAsync(hq, period, dealer.Code, "monthly-stock-report");
        Assert.Equal((3, v3, 4, 2), (cell["version"]!.GetValue<int>(), cell["trackingId"]!.GetValue<string>(), cell["lines"]!.GetValue<int>(), cell["daysLate"]!.GetValue<int>()));
        Assert.Equal("Superseded", await StatusAsync(http, "monthly-stock-reports", v1));
        Assert.Equal("Superseded", await StatusAsync(http, "monthly-stock-reports", v2));
        Assert.Equal("Accepted", await StatusAsync(http, "monthly-stock-reports", v3));

        // The same version again is a replay; the same version with other content is refused.
        var again = TestReports.Stock(period, version: 2);
        using var conflict = await http.PostJsonAsync("/api/v1/monthly-stock-reports", again);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("VERSION_ALREADY_SUBMITTED", (await conflict.ReadJsonAsync())["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task ZeroReport_NoActivity_IsAcceptedAndShownAsZero_WhileALineLessReportIsRefused()
    {
        var dealer = await Hub.CreateDealerAsync(region: "East");
        using var http = Hub.Client(dealer.ApiKey);
        using var hq = Hub.Client(await Hub.CreateHqUserAsync());
        var (period, _) = NextMonthlyPeriod();
        Advance(ReportingCalendarEnd(period).AddHours(1));

        var empty = TestReports.Zero(period);
        empty.Remove("zeroReport");
        Assert.Equal("EMPTY_REPORT", await RefusedAsync(http, "monthly-financial-statements", empty));
        var zeroWithLines = TestReports.Financial(period);
        zeroWithLines["zeroReport"] = true;
        Assert.Equal("ZERO_REPORT_WITH_LINES", await RefusedAsync(http, "monthly-financial-statements", zeroWithLines));
        Assert.Equal("INVALID_FORMAT", await RefusedAsync(http, "daily-sales-summaries", TestReports.DailySales(period)));

        await SubmitAsync(http, "monthly-financial-statements", TestReports.Zero(period));
        await fixture.DrainWorkAsync();

        var cell = await CellAsync(hq, period, dealer.Code, "monthly-financial-statement");
        Assert.Equal(("Zero", "Accepted", true, false), (cell["display"]!.GetValue<string>(), cell["status"]!.GetValue<string>(), cell["zero"]!.GetValue<bool>(), cell["late"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task DeclaredLines_AboveTheLinesSent_StockReportIsPartiallyAccepted_FinancialStatementIsRefused()
    {
        var dealer = await Hub.CreateDealerAsync(region: "East");
        using var http = Hub.Client(dealer.ApiKey);
        using var hq = Hub.Client(await Hub.CreateHqUserAsync());
        var (period, _) = NextMonthlyPeriod();
        Advance(ReportingCalendarEnd(period).AddHours(1));

        await SubmitAsync(http, "monthly-stock-reports", TestReports.Stock(period, vehicles: 3, declared: 5));
        var financial = TestReports.Financial(period);
        financial["declaredLines"] = 3;
        Assert.Equal("LINES_MISSING", await RefusedAsync(http, "monthly-financial-statements", financial));
        await fixture.DrainWorkAsync();

        var cell = await CellAsync(hq, period, dealer.Code, "monthly-stock-report");
        Assert.Equal(("PartiallyAccepted", 3, 5), (cell["status"]!.GetValue<string>(), cell["lines"]!.GetValue<int>(), cell["declaredLines"]!.GetValue<int>()));
    }

    [Fact]
    public async Task MissingReport_PastEachOffset_IsLateAndClimbsTheLadder_UntilAVersionIsAccepted()
    {
        var dealer = await Hub.CreateDealerAsync(region: "East", district: "Harbour");
        using var http = Hub.Client(dealer.ApiKey);
        using var hq = Hub.Client(await Hub.CreateHqUserAsync());
        var (period, due) = NextMonthlyPeriod();
        Advance(ReportingCalendarEnd(period).AddHours(1));
        await fixture.RunCalendarJobAsync();

        async Task<JsonNode> Cell() => await CellAsync(hq, period, dealer.Code, "monthly-stock-report");
        var expected = await Cell();
        Assert.Equal(("Expected", false), (expected["display"]!.GetValue<string>(), expected["late"]!.GetValue<bool>()));
        Assert.Equal("reminder", expected["escalation"]!["nextStep"]!.GetValue<string>());

        Advance(due.AddDays(-2).AddMinutes(1));
        Assert.Equal("reminder", (await Cell())["escalation"]!["step"]!.GetValue<string>());
        Advance(due.AddMinutes(1));
        var late = await Cell();
        Assert.Equal(("Late", true, 1, "late"), (late["display"]!.GetValue<string>(), late["late"]!.GetValue<bool>(), late["daysLate"]!.GetValue<int>(), late["escalation"]!["step"]!.GetValue<string>()));
        Advance(due.AddDays(3).AddMinutes(1));
        Assert.Equal("district", (await Cell())["escalation"]!["step"]!.GetValue<string>());
        Advance(due.AddDays(7).AddMinutes(1));
        var region = await Cell();
        Assert.Equal(("region", 8), (region["escalation"]!["step"]!.GetValue<string>(), region["daysLate"]!.GetValue<int>()));
        Assert.Equal(["region-manager"], region["escalation"]!["notify"]!.AsArray().Select(n => n!.GetValue<string>()));

        var lateList = (await hq.GetJsonAsync($"/api/v1/hq/periodic-reports?period={period}&late=true"))["late"]!.AsArray();
        Assert.Contains(lateList, l => l!["dealer"]!.GetValue<string>() == dealer.Code && l["report"]!.GetValue<string>() == "monthly-financial-statement");
        var entry = lateList.Single(l => l!["dealer"]!.GetValue<string>() == dealer.Code && l["report"]!.GetValue<string>() == "monthly-stock-report")!;
        Assert.Equal(("Harbour", 8, "region"), (entry["district"]!.GetValue<string>(), entry["daysLate"]!.GetValue<int>(), entry["escalationStep"]!.GetValue<string>()));
        var owed = (await http.GetJsonAsync("/api/v1/reporting/obligations"))["items"]!.AsArray();
        Assert.Contains(owed, o => o!["report"]!.GetValue<string>() == "monthly-stock-report" && o["period"]!.GetValue<string>() == period && o["late"]!.GetValue<bool>());

        Advance(due.AddDays(9));
        await SubmitAsync(http, "monthly-stock-reports", TestReports.Stock(period));
        await fixture.DrainWorkAsync();
        var settled = await Cell();
        Assert.Equal(("Accepted", false, true, 9), (settled["display"]!.GetValue<string>(), settled["late"]!.GetValue<bool>(), settled["acceptedLate"]!.GetValue<bool>(), settled["daysLate"]!.GetValue<int>()));
        Assert.Null(settled["escalation"]);
        Advance(due.AddDays(30));
        Assert.Equal(9, (await Cell())["daysLate"]!.GetValue<int>());
    }

    /// <summary>The month now running (its report is due on the 10th of the next month, 18:00 Shanghai).</summary>
    private (string Period, DateTimeOffset Due) NextMonthlyPeriod()
    {
        var shanghai = TimeZoneInfo.ConvertTime(fixture.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var month = new DateOnly(shanghai.Year, shanghai.Month, 1);
        var dueLocal = month.AddMonths(1).AddDays(9).ToDateTime(new TimeOnly(18, 0));
        return (month.ToString("yyyy-MM", CultureInfo.InvariantCulture), new DateTimeOffset(dueLocal.AddHours(-8), TimeSpan.Zero));
    }

    private static DateTimeOffset ReportingCalendarEnd(string period)
    {
        var month = DateOnly.ParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).AddMonths(1);
        return new DateTimeOffset(month.ToDateTime(TimeOnly.MinValue).AddHours(-8), TimeSpan.Zero);
    }

    private void Advance(DateTimeOffset to)
    {
        if (to > fixture.Clock.GetUtcNow())
        {
            fixture.Clock.SetUtcNow(to);
        }
    }

    private static async Task<string> SubmitAsync(HttpClient http, string segment, JsonObject body)
    {
        using var response = await http.PostJsonAsync("/api/v1/" + segment, body);
        var json = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, json.ToJsonString());
        return json["trackingId"]!.GetValue<string>();
    }

    private static async Task<string> RefusedAsync(HttpClient http, string segment, JsonObject body)
    {
        using var response = await http.PostJsonAsync("/api/v1/" + segment, body);
        var json = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, json.ToJsonString());
        return json["errors"]!.AsArray().Single()!["code"]!.GetValue<string>();
    }

    private static async Task<string> StatusAsync(HttpClient http, string segment, string trackingId) =>
        (await http.GetJsonAsync($"/api/v1/{segment}/{trackingId}"))["status"]!.GetValue<string>();

    private static async Task<JsonNode> CellAsync(HttpClient hq, string period, string dealer, string report)
    {
        var matrix = await hq.GetJsonAsync($"/api/v1/hq/periodic-reports?period={period}&report={report}");
        return matrix["rows"]!.AsArray().Single(r => r!["dealer"]!.GetValue<string>() == dealer)!["reports"]![report]!;
    }
}
