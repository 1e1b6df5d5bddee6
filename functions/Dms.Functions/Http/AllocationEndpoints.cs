using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dms.Hub.VehicleOrders;

namespace Dms.Functions.Http;

/// <summary>
/// A dealer's vehicle allocation (<c>GET /api/v1/vehicle-orders/allocations</c>): per model and period, units, used
/// and remaining, so a dealer sees before ordering whether a unit is left (rather than learning it from
/// <c>ALLOCATION_EXCEEDED</c>). Only the caller's own pools: there is no dealer parameter to try.
/// </summary>
internal static partial class AllocationEndpoints
{
    private const int MaxPeriods = 12;

    public static void MapAllocationEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/vehicle-orders/allocations", ListAsync).WithTags("Vehicle orders").RequireAuthorization(Callers.DealerPolicy)
            .WithSummary("Your vehicle allocation: units, used and remaining per model and period")
            .WithDescription($"Filters: period (YYYY-MM, repeatable, up to {MaxPeriods}; default this month and the next two), model. " +
                "An order holds a unit from intake until it is cancelled or rejected.");
    }

    private static async Task<IResult> ListAsync(HttpContext context, OrderAllocations allocations)
    {
        var query = context.Request.Query;
        var periods = query["period"].Where(p => p is not null).Select(p => p!).Distinct(StringComparer.Ordinal).ToList();
        if (periods.Count > MaxPeriods)
        {
            return Problems.BadQuery(context, "period", $"At most {MaxPeriods} periods at a time.");
        }

        if (periods.FirstOrDefault(p => !Period().IsMatch(p)) is { } bad)
        {
            return Problems.BadQuery(context, "period", $"'{bad}' is not an allocation period (YYYY-MM).");
        }

        var model = query["model"].FirstOrDefault();
        if (model is { Length: 0 or > 40 })
        {
            return Problems.BadQuery(context, "model", "A model code has 1 to 40 characters.");
        }

        var shown = periods.Count > 0 ? periods : allocations.UpcomingPeriods(OrderAllocations.DefaultPeriods);
        var items = new JsonArray();
        foreach (var balance in await allocations.ForDealerAsync(context.User.Id(), shown, model, context.RequestAborted))
        {
            items.Add(new JsonObject
            {
                ["modelCode"] = balance.ModelCode, ["period"] = balance.Period, ["units"] = balance.Units, ["used"] = balance.Used,
                ["remaining"] = balance.Remaining, ["dealerOrderNumbers"] = new JsonArray([.. balance.DealerOrderNumbers.Select(n => JsonValue.Create(n))]),
            });
        }

        var body = new JsonObject { ["enabled"] = allocations.Enabled, ["items"] = items };
        return Results.Content(body.ToJsonString(), "application/json");
    }

    [GeneratedRegex("^20[0-9]{2}-(0[1-9]|1[0-2])$", RegexOptions.CultureInvariant)]
    private static partial Regex Period();
}
