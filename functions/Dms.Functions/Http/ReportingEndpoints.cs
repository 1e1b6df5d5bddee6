using System.Text.Json.Nodes;
using Dms.Hub.Dealers;
using Dms.Hub.PeriodicReports;
using Dms.Hub.Registry;
using Dms.Hub.Reporting;

namespace Dms.Functions.Http;

/// <summary>
/// Periodic reporting status: for HQ the dealer × report matrix of a period with its late reporters (scoped), for
/// HQ per dealer over recent periods, and for a dealer what it owes.
/// </summary>
internal static class ReportingEndpoints
{
    private const int MaxRecentPeriods = 24;

    public static void MapReportingEndpoints(this IEndpointRouteBuilder api)
    {
        var hq = api.MapGroup("/hq").WithTags("HQ").RequireAuthorization(Callers.HqPolicy);
        hq.MapGet("/periodic-reports", MatrixAsync)
            .WithSummary("Per period (yyyy-MM or yyyy-MM-dd) the dealer × report status matrix and the late reporters")
            .WithDescription("Query: period (required), report= (a kind), district=, late=true (late reporters only), format=csv. Statuses: Expected, Received, Accepted, PartiallyAccepted, Rejected; display adds Late and Zero.");
        hq.MapGet("/dealers/{code}/periodic-reports", DealerHistoryAsync).WithSummary("A dealer's reporting over its recent periods (another region's dealer is a 404)");
        api.MapGet("/reporting/obligations", ObligationsAsync).WithTags("Periodic reports").RequireAuthorization(Callers.DealerPolicy)
            .WithSummary("What you owe: your reporting slots of recent periods, with due times and status");
    }

    private static async Task<IResult> MatrixAsync(HttpContext context, IReportSlotStore store, DocumentTypeRegistry types, ReportingCalendar calendar, DealerDirectory dealers, TimeProvider clock)
    {
        if (await HqEndpoints.ScopeAsync(context) is not { } scope)
        {
            return HqEndpoints.NoScope(context);
        }

        var q = context.Request.Query;
        if (!ReportPeriod.TryParse(q["period"], out var period))
        {
            return Problems.BadQuery(context, "period", "period is a month (yyyy-MM) or a day (yyyy-MM-dd).");
        }

        var kinds = types.All.OfType<IPeriodicReportType>().Where(k => k.Granularity == period.Value.Granularity).Select(k => k.Name).ToList();
        if (q["report"].ToString() is { Length: > 0 } report)
        {
            if (!kinds.Contains(report))
            {
                return Problems.BadQuery(context, "report", $"report is one of {string.Join(", ", kinds)} for this period.");
            }

            kinds = [report];
        }

        var district = q["district"].ToString() is { Length: > 0 } d ? d : null;
        var lateOnly = q["late"] == "true";
        var now = clock.GetUtcNow();
        var standings = new List<(ReportStanding Standing, Dealer? Dealer)>();
        foreach (var kind in kinds)
        {
            foreach (var slot in await store.ListAsync(kind, period.Value.ToString(), context.RequestAborted))
            {
                var dealer = await dealers.GetDealerAsync(slot.DealerCode, context.RequestAborted);
                if (dealer is not null && scope.Covers(dealer) && (district is null || string.Equals(dealer.District, district, StringComparison.OrdinalIgnoreCase)))
                {
                    var standing = ReportStanding.Of(slot, calendar, now);
                    if (!lateOnly || standing.Late)
                    {
                        standings.Add((standing, dealer));
                    }
                }
            }
        }

        if (HqEndpoints.WantsCsv(context))
        {
            var lines = standings.OrderBy(s => s.Standing.Slot.DealerCode, StringComparer.Ordinal).ThenBy(s => s.Standing.Slot.Kind, StringComparer.Ordinal)
                .Select(s => ReportStandingViews.CsvLine(s.Standing, s.Dealer));
            return HqEndpoints.Csv(string.Concat(lines.Prepend(Hub.Common.CsvText.Row(ReportStandingViews.CsvHeader))), $"periodic-reports-{period}.csv");
        }

        var rows = standings.GroupBy(s => s.Standing.Slot.DealerCode).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (JsonNode)new JsonObject
        {
            ["dealer"] = g.Key,
            ["name"] = g.First().Dealer?.Name,
            ["region"] = g.First().Dealer?.Region,
            ["district"] = g.First().Dealer?.District,
            ["reports"] = new JsonObject(g.Select(s => KeyValuePair.Create(s.Standing.Slot.Kind, (JsonNode?)ReportStandingViews.Cell(s.Standing)))),
        });
        var body = new JsonObject
        {
            ["period"] = period.Value.ToString(),
            ["reports"] = new JsonArray(kinds.Select(k => (JsonNode)JsonValue.Create(k)).ToArray()),
            ["scope"] = new JsonObject { ["region"] = scope.Region },
            ["asOf"] = now,
            ["summary"] = new JsonObject(kinds.Select(k => KeyValuePair.Create(k, (JsonNode?)new JsonObject(standings.Where(s => s.Standing.Slot.Kind == k)
                .GroupBy(s => s.Standing.Display).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Count())))))),
            ["rows"] = new JsonArray(rows.ToArray()),
            ["late"] = new JsonArray(standings.Where(s => s.Standing.Late).OrderByDescending(s => s.Standing.DaysLate).ThenBy(s => s.Standing.Slot.DealerCode, StringComparer.Ordinal)
                .Select(s => (JsonNode)ReportStandingViews.Late(s.Standing, s.Dealer)).ToArray()),
        };
        return Results.Content(body.ToJsonString(), "application/json");
    }

    private static async Task<IResult> DealerHistoryAsync(HttpContext context, string code, ReportSlots slots, DocumentTypeRegistry types, ReportingCalendar calendar, TimeProvider clock)
    {
        if (await HqEndpoints.ScopeAsync(context) is not { } scope)
        {
            return HqEndpoints.NoScope(context);
        }

        if (await HqEndpoints.DealerInScopeAsync(context, scope, code) is not { } dealer)
        {
            return Problems.NotFound(context);
        }

        return await RecentAsync(context, dealer, slots, types, calendar, clock);
    }

    private static async Task<IResult> ObligationsAsync(HttpContext context, ReportSlots slots, DocumentTypeRegistry types, ReportingCalendar calendar, TimeProvider clock) =>
        await RecentAsync(context, await context.DealerAsync(), slots, types, calendar, clock);

    /// <summary>The dealer's slots of its last <c>periods</c> (default 3) closed periods of every kind it owes (point reads only).</summary>
    private static async Task<IResult> RecentAsync(HttpContext context, Dealer dealer, ReportSlots slots, DocumentTypeRegistry types, ReportingCalendar calendar, TimeProvider clock)
    {
        var count = 3;
        if (context.Request.Query["periods"].ToString() is { Length: > 0 } text && (!int.TryParse(text, out count) || count is < 1 or > MaxRecentPeriods))
        {
            return Problems.BadQuery(context, "periods", $"periods is 1–{MaxRecentPeriods}.");
        }

        var now = clock.GetUtcNow();
        var zone = calendar.ZoneOf(dealer);
        var items = new JsonArray();
        foreach (var kind in types.All.OfType<IPeriodicReportType>())
        {
            if (calendar.ScheduleOf(kind.Name) is not { } schedule || !ReportingCalendar.Owes(schedule, kind.Name, dealer))
            {
                continue;
            }

            var latest = ReportingCalendar.LatestClosed(kind.Granularity, zone, now);
            for (var i = 0; i < count; i++)
            {
                var period = latest.Minus(i).ToString();
                var standing = ReportStanding.Of(await slots.GetOrNewAsync(kind.Name, period, dealer.Code, context.RequestAborted), calendar, now);
                var cell = ReportStandingViews.Cell(standing);
                cell["report"] = kind.Name;
                cell["period"] = period;
                items.Add(cell);
            }
        }

        return Results.Content(new JsonObject { ["dealer"] = dealer.Code, ["asOf"] = now, ["items"] = items }.ToJsonString(), "application/json");
    }
}
