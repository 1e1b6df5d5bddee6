using System.Text.Json.Nodes;
using Dms.Hub.Dealers;
using Dms.Hub.Sales;

namespace Dms.Functions.Http;

/// <summary>
/// OEM headquarters: sales figures, the periodic reporting matrix and the dealer network, each scoped to what the
/// caller may see — every region for HQ, one for a regional manager, to whom another region's dealer is a 404.
/// </summary>
internal static class HqEndpoints
{
    public static void MapHqEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/hq").WithTags("HQ").RequireAuthorization(Callers.HqPolicy);
        group.MapGet("/sales", SalesAsync)
            .WithSummary("RDR units by day or month × region, district, dealer, model, sale type (sale or delivery date)")
            .WithDescription("Query: basis=sale|delivery, granularity=month|day, from/to (yyyy-MM or yyyy-MM-dd), groupBy=region,district,dealer,model,saleType, filters region=, district=, dealer=, model=, saleType=, format=csv. Unwinds are subtracted, OEM-rejected reports excluded; each row carries the same period last year and the report lag distribution.");
        group.MapGet("/dealers", DealersAsync).WithSummary("The dealers in your scope, with region and district");
        group.MapGet("/dealers/{code}", DealerAsync).WithSummary("One dealer in your scope (another region's dealer is a 404)");
    }

    /// <summary>The caller's scope; null (answered 403) when the HQ user behind the key no longer exists.</summary>
    public static Task<HqScope?> ScopeAsync(HttpContext context) =>
        context.RequestServices.GetRequiredService<HqDirectory>().ScopeAsync(context.User.Id(), context.RequestAborted);

    public static IResult NoScope(HttpContext context) => Problems.Create(context, 403, "FORBIDDEN", "Forbidden", "This HQ user no longer exists.");

    /// <summary>A dealer the caller may see, or null (the caller answers 404 either way).</summary>
    public static async Task<Dealer?> DealerInScopeAsync(HttpContext context, HqScope scope, string code) =>
        await context.RequestServices.GetRequiredService<DealerDirectory>().GetDealerAsync(code, context.RequestAborted) is { } dealer && scope.Covers(dealer)
            ? dealer
            : null;

    public static bool WantsCsv(HttpContext context) =>
        context.Request.Query["format"] == "csv" || context.Request.Headers.Accept.Any(a => a?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true);

    public static IResult Csv(string text, string fileName) =>
        Results.File(System.Text.Encoding.UTF8.GetBytes(text), "text/csv; charset=utf-8", fileName);

    private static async Task<IResult> SalesAsync(HttpContext context, SalesFigures figures, TimeProvider clock)
    {
        if (await ScopeAsync(context) is not { } scope)
        {
            return NoScope(context);
        }

        var (query, problem) = HqSalesRequest.Read(context, scope, clock);
        if (problem is not null)
        {
            return problem;
        }

        if ((query!.Filters.TryGetValue(SalesDimensions.Region, out var region) && !scope.Covers(region))
            || (query.Filters.TryGetValue(SalesDimensions.Dealer, out var code) && await DealerInScopeAsync(context, scope, code) is null))
        {
            return Problems.NotFound(context);
        }

        var report = await figures.QueryAsync(query, context.RequestAborted);
        return WantsCsv(context)
            ? Csv(HqSalesViews.Csv(report), "sales.csv")
            : Results.Content(HqSalesViews.Json(report).ToJsonString(), "application/json");
    }

    private static async Task<IResult> DealersAsync(HttpContext context, IDealerStore store)
    {
        if (await ScopeAsync(context) is not { } scope)
        {
            return NoScope(context);
        }

        var dealers = (await store.ListAsync(context.RequestAborted)).Where(scope.Covers).OrderBy(d => d.Code, StringComparer.Ordinal);
        if (WantsCsv(context))
        {
            return Csv(string.Concat(new[] { Hub.Common.CsvText.Row(["code", "name", "region", "district", "brand", "stage"]) }
                .Concat(dealers.Select(d => Hub.Common.CsvText.Row(new[] { d.Code, d.Name, d.Region, d.District, d.Brand, d.Stage }.Select(Hub.Common.CsvText.Text))))), "dealers.csv");
        }

        return Results.Content(new JsonObject { ["items"] = new JsonArray(dealers.Select(d => (JsonNode)View(d)).ToArray()) }.ToJsonString(), "application/json");
    }

    private static async Task<IResult> DealerAsync(HttpContext context, string code)
    {
        if (await ScopeAsync(context) is not { } scope)
        {
            return NoScope(context);
        }

        return await DealerInScopeAsync(context, scope, code) is { } dealer
            ? Results.Content(View(dealer).ToJsonString(), "application/json")
            : Problems.NotFound(context);
    }

    private static JsonObject View(Dealer d) => new()
    {
        ["code"] = d.Code,
        ["name"] = d.Name,
        ["region"] = d.Region,
        ["district"] = d.District,
        ["brand"] = d.Brand,
        ["stage"] = d.Stage,
        ["links"] = new JsonObject
        {
            ["sales"] = $"/api/v1/hq/sales?dealer={d.Code}&groupBy=model",
            ["periodicReports"] = $"/api/v1/hq/dealers/{d.Code}/periodic-reports",
            ["batches"] = $"/api/v1/hq/dealers/{d.Code}/batches",
        },
    };
}
